import { z } from 'zod';
import { visibleText } from './text';

export const tenantTypeSchema = z.enum([
  'kreisfreie_stadt',
  'landkreis',
  'kreisangehoerige_gemeinde',
  'regionale_agentur',
]);
export type TenantType = z.infer<typeof tenantTypeSchema>;

export const TENANT_TYPE_LABELS: Record<TenantType, { de: string; en: string }> = {
  kreisfreie_stadt: { de: 'Kreisfreie Stadt', en: 'District-free city' },
  landkreis: { de: 'Landkreis', en: 'Rural district' },
  kreisangehoerige_gemeinde: { de: 'Kreisangehörige Gemeinde', en: 'Municipality within a district' },
  regionale_agentur: { de: 'Regionale Agentur', en: 'Regional agency' },
};

/** URL-safe identifier of a tenant, used in public addresses. */
export const slugSchema = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Nur Kleinbuchstaben, Ziffern und Bindestriche');

/** Amtlicher Gemeindeschlüssel: 8 digits; Kreise may be given with 5 digits, Länder with 2. */
export const agsSchema = z.string().regex(/^(\d{2}|\d{3}|\d{5}|\d{8})$/, 'AGS: 2, 3, 5 oder 8 Ziffern');

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Farbe als #RRGGBB');

/** Logo as a data URL (PNG, JPEG, SVG or WebP), at most ~256 KB. */
export const logoSchema = z
  .string()
  .max(350_000, 'Logo höchstens 256 KB')
  .regex(
    /^data:image\/(png|jpeg|svg\+xml|webp);base64,[A-Za-z0-9+/=]+$/,
    'Logo als PNG, JPEG, SVG oder WebP',
  );

export const tenantSchema = z.object({
  id: z.uuid(),
  slug: slugSchema,
  name: z.string(),
  type: tenantTypeSchema,
  ags: z.string().nullable(),
  color: z.string().nullable(),
  logo: z.string().nullable(),
  isDemo: z.boolean(),
  /** Counts below this are withheld in every public view (default 3). */
  sdcThreshold: z.number().int(),
  createdAt: z.string(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const tenantCreateSchema = z.object({
  slug: slugSchema,
  name: visibleText(z.string().trim().min(2).max(120)),
  type: tenantTypeSchema,
  ags: agsSchema.nullish(),
  color: colorSchema.nullish(),
});
export type TenantCreate = z.infer<typeof tenantCreateSchema>;

export const tenantUpdateSchema = z
  .object({
    name: visibleText(z.string().trim().min(2).max(120)),
    type: tenantTypeSchema,
    ags: agsSchema.nullable(),
    color: colorSchema.nullable(),
    logo: logoSchema.nullable(),
    sdcThreshold: z.number().int().min(2, 'Mindestens 2').max(50, 'Höchstens 50'),
  })
  .partial();
export type TenantUpdate = z.infer<typeof tenantUpdateSchema>;
