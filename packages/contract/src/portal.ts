import { z } from 'zod';
import { areaLevelSchema } from './monitoring';

/*
 * Portal settings (public module): what the Bildungsbüro decides for its public portal. German public
 * sites must link an imprint (Impressum, § 5 DDG) and a privacy statement (Art. 13 DSGVO).
 */

/** Relative luminance of a #rrggbb colour (WCAG 2.1). */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two #rrggbb colours (1 … 21), as WCAG 2.1 defines it. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].toSorted((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG 2.1 AA for normal text: the portal's colour is link text on white and the buttons' background. */
export const MIN_CONTRAST = 4.5;

const url = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .nullable()
  .default(null);

export const portalSettingsSchema = z.object({
  /** Start page text (plain text; blank lines separate paragraphs). */
  intro: z.string().trim().max(2000).default(''),
  /** Contact of the Bildungsbüro shown in every page's footer (plain text). */
  contact: z.string().trim().max(500).default(''),
  imprintUrl: url,
  privacyUrl: url,
  /** Logo as an https address (shown beside the name, decorative). */
  logoUrl: url,
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Farbe als #rrggbb')
    .refine((c) => contrastRatio(c, '#ffffff') >= MIN_CONTRAST, {
      message: `Die Farbe hat auf Weiß zu wenig Kontrast (WCAG AA verlangt mindestens ${MIN_CONTRAST.toString().replace('.', ',')} : 1)`,
    })
    .nullable()
    .default(null),
  hiddenLevels: z.array(areaLevelSchema).max(20).default([]),
  hiddenDimensions: z
    .array(z.string().regex(/^[a-z0-9_]{1,60}$/))
    .max(50)
    .default([]),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

/** The settings as stored, with the choices the form offers (levels and dimensions of the municipality). */
export const portalSettingsViewSchema = z.object({
  settings: portalSettingsSchema,
  levels: z.array(z.object({ code: areaLevelSchema, label: z.string() })),
  dimensions: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type PortalSettingsView = z.infer<typeof portalSettingsViewSchema>;
