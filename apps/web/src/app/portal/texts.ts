/** Texts of the portal settings page, German first. */
import { useI18n } from '../i18n';

const de = {
  title: 'Öffentliches Portal',
  lead: 'Was Bürgerinnen und Bürger auf den öffentlichen Seiten der Kommune sehen: Startseite, Kontakt, Impressum und Datenschutz, Logo und Farbe, und welche Raumebenen und Merkmale öffentlich sind. Welche Kennzahlen öffentlich sind, legen Sie bei jeder Kennzahl fest.',
  publicLink: 'Öffentliche Startseite ansehen',
  textsHeading: 'Startseite und Kontakt',
  fIntro: 'Text der Startseite',
  fIntroHint: 'Eine Leerzeile trennt Absätze. Leer: der Standardtext.',
  fContact: 'Kontakt des Bildungsbüros (Fußzeile jeder Seite)',
  fImprint: 'Adresse des Impressums (https://…)',
  fPrivacy: 'Adresse der Datenschutzerklärung (https://…)',
  legalHint: 'Öffentliche Seiten deutscher Behörden brauchen Impressum und Datenschutzerklärung.',
  lookHeading: 'Logo und Farbe',
  fLogo: 'Adresse des Logos (https://…)',
  fColor: 'Farbe (#rrggbb)',
  fColorHint: 'Für Links und Schaltflächen; auf Weiß mindestens 4,5 : 1 Kontrast (WCAG AA).',
  contrast: (r: string) => `Kontrast auf Weiß: ${r} : 1`,
  contrastLow: 'zu wenig Kontrast',
  publicHeading: 'Was öffentlich ist',
  levelsLegend: 'Raumebenen, deren Werte und Gebietsprofile intern bleiben',
  dimsLegend: 'Merkmale, die nur als Summe („insgesamt“) veröffentlicht werden',
  none: 'Keine vorhanden.',
  save: 'Einstellungen speichern',
  saved: 'Die Einstellungen sind gespeichert; die öffentlichen Seiten zeigen sie sofort.',
  noPermission: 'Die Einstellungen ändern dürfen Redaktion und Administration.',
};

type Texts = typeof de;

const en: Texts = {
  title: 'Public portal',
  lead: 'What citizens see on the municipality’s public pages: start page, contact, imprint and privacy, logo and colour, and which area levels and dimensions are public. Which indicators are public is set with each indicator.',
  publicLink: 'View the public start page',
  textsHeading: 'Start page and contact',
  fIntro: 'Start page text',
  fIntroHint: 'A blank line separates paragraphs. Empty: the default text.',
  fContact: 'Contact of the education office (footer of every page)',
  fImprint: 'Address of the imprint (https://…)',
  fPrivacy: 'Address of the privacy statement (https://…)',
  legalHint: 'Public sites of German authorities need an imprint and a privacy statement.',
  lookHeading: 'Logo and colour',
  fLogo: 'Address of the logo (https://…)',
  fColor: 'Colour (#rrggbb)',
  fColorHint: 'For links and buttons; at least 4.5 : 1 contrast on white (WCAG AA).',
  contrast: (r) => `Contrast on white: ${r} : 1`,
  contrastLow: 'not enough contrast',
  publicHeading: 'What is public',
  levelsLegend: 'Area levels whose values and area profiles stay internal',
  dimsLegend: 'Dimensions published only as their total',
  none: 'None.',
  save: 'Save settings',
  saved: 'The settings are saved; the public pages show them at once.',
  noPermission: 'Editors and administrators may change the settings.',
};

export function usePortalTexts(): Texts {
  return useI18n().lang === 'en' ? en : de;
}
