/** Texts of the page „Katalog übernehmen“, German first; English through the language switch. */
import type { CataloguePlanActionName, CatalogueOwnedField } from '@dkbm/contract';
import { useI18n, type Lang } from '../i18n';

const nf = (lang: Lang) => new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB');
const num = (n: number, lang: Lang) => nf(lang).format(n);
const dateDe = (iso: string) => iso.split('-').toReversed().join('.');

const de = {
  title: 'Katalog übernehmen',
  nav: 'Katalog übernehmen',
  lead: (title: string, version: number, date: string, n: number) =>
    `Der ${title} (Fassung ${version} vom ${dateDe(date)}) enthält ${num(n, 'de')} Indikatoren nach den Themenfeldern des Anwendungsleitfadens, jeweils mit Definition, Formel, Quellentabellen und Bezugszeitpunkten. Übernommene Indikatoren erscheinen unter „Indikatoren“ und werden vollständig, sobald ihre Tabellen importiert sind.`,
  factsCaption: 'Stand in Zahlen',
  factsInCatalogue: 'im Katalog',
  factsApplied: 'übernommen',
  factsComplete: 'vollständig',
  factsIncomplete: 'unvollständig',
  factsMissing: 'fehlende Tabellen und Daten',
  // selection
  chooseTitle: '1. Indikatoren auswählen',
  chooseHint:
    'Wählen Sie ganze Themenfelder oder einzelne Indikatoren. Die Vorschau zeigt, was sich ändern würde; geändert wird erst mit „Katalog übernehmen“.',
  topicAll: (topic: string, chosen: number, total: number) => `${topic} (${chosen} von ${total} gewählt)`,
  selectAll: 'Alle auswählen',
  selectOpen: 'Nur noch nicht übernommene',
  selectNone: 'Auswahl leeren',
  chosenCount: (n: number) =>
    n === 0
      ? 'Kein Indikator gewählt.'
      : n === 1
        ? '1 Indikator gewählt.'
        : `${num(n, 'de')} Indikatoren gewählt.`,
  needsLocal: 'braucht kommunale Daten',
  alsoLocal: 'auch kleinräumig',
  variantLegend: 'Datengrundlage neuer Indikatoren',
  variantOfficial: 'Kreistabellen der amtlichen Statistik (Regionaldatenbank)',
  variantLocal: 'kleinräumige Daten der Kommune, wo der Katalog sie vorsieht und sie vorhanden sind',
  preview: 'Vorschau anzeigen',
  nothingChosen: 'Bitte wählen Sie mindestens einen Indikator.',
  // preview
  previewTitle: '2. Vorschau prüfen und übernehmen',
  previewCaption: (version: number) => `Was das Übernehmen ändern würde (Katalogfassung ${version})`,
  colIndicator: 'Indikator',
  colResult: 'Ergebnis',
  colChanges: 'Änderungen',
  counts: (c: { create: number; update: number; unchanged: number; keepLocal: number; skipped: number }) =>
    `${num(c.create, 'de')} neu, ${num(c.update, 'de')} geändert, ${num(c.unchanged, 'de')} unverändert, ${num(c.keepLocal, 'de')} mit beibehaltenen lokalen Änderungen, ${num(c.skipped, 'de')} übersprungen.`,
  changeApply: (label: string, from: string, to: string) =>
    `${label}: „${from}“ → „${to}“ (Katalog geändert)`,
  changeKeep: (label: string, local: string, cat: string) =>
    `${label}: lokale Änderung „${local}“ bleibt; Katalog: „${cat}“`,
  changeOverwrite: (label: string, local: string, cat: string) =>
    `${label}: lokale Änderung „${local}“ wird durch „${cat}“ ersetzt`,
  overwrite: (name: string) => `Lokale Änderungen an „${name}“ durch den Katalog ersetzen`,
  fromVersion: (v: number) => `bisher Fassung ${v}`,
  localVariant: 'kleinräumig',
  apply: 'Katalog übernehmen',
  applyBusy: 'Wird übernommen …',
  nothingToDo: 'Die Auswahl ist schon auf dem Stand dieser Katalogfassung; es gibt nichts zu übernehmen.',
  applied: (created: number, updated: number, values: number) =>
    `Katalog übernommen: ${num(created, 'de')} Indikatoren angelegt, ${num(updated, 'de')} geändert, ${num(values, 'de')} Werte berechnet.`,
  warningsTitle: 'Hinweise zur Berechnung',
  // status
  statusTitle: 'Übernommene Indikatoren',
  statusCaption: 'Indikatoren aus dem Katalog in dieser Kommune',
  statusEmpty:
    'Noch kein Indikator aus dem Katalog übernommen. Die Redaktion kann den Katalog hier übernehmen.',
  colTopic: 'Themenfeld',
  colState: 'Stand',
  colValues: 'Werte',
  colNotes: 'Hinweise',
  edited: (fields: string) => `lokal geändert: ${fields}`,
  missingInput: (indicator: string, source: string) => `fehlt: ${indicator} (aus ${source})`,
  removedTitle: 'Nicht mehr im Katalog',
  removedText: (codes: string) =>
    `Diese Indikatoren stammen aus einer früheren Katalogfassung, die aktuelle enthält sie nicht mehr. Sie bleiben erhalten: ${codes}.`,
  // checklist
  checklistTitle: 'Checkliste: Tabellen und Daten',
  checklistLead:
    'Diese Tabellen und Daten brauchen die übernommenen Indikatoren. Laden Sie fehlende Tabellen als CSV herunter und importieren Sie sie; die Indikatoren werden dann ohne erneutes Übernehmen berechnet.',
  checklistEmpty: 'Sobald Indikatoren übernommen sind, steht hier, welche Tabellen sie brauchen.',
  checklistDone: 'Alle benötigten Tabellen und Daten sind vorhanden.',
  neededBy: 'benötigt für',
  reference: 'Bezug',
  depth: 'regionale Tiefe',
  download: (code: string) => `Tabelle ${code} herunterladen (neues Fenster)`,
  howTo: 'So geht’s',
  stillMissing: 'noch fehlend',
  importLink: 'Zum Import',
  checkState: { missing: 'fehlt', partial: 'teilweise', present: 'vorhanden' },
  state: {
    not_applied: 'nicht übernommen',
    complete: 'vollständig',
    incomplete: 'unvollständig',
    code_taken: 'Code belegt',
  },
  action: {
    create: 'wird angelegt',
    update: 'wird geändert',
    unchanged: 'unverändert',
    keep_local: 'lokale Änderungen bleiben',
    skip_code_taken: 'übersprungen',
    skip_newer_version: 'übersprungen',
    skip_no_data: 'übersprungen',
  } satisfies Record<CataloguePlanActionName, string>,
  fields: {
    nameDe: 'Name',
    nameEn: 'Name (englisch)',
    description: 'Beschreibung',
    unit: 'Einheit',
    decimals: 'Nachkommastellen',
    topic: 'Themenfeld',
    tier: 'Indikatortyp',
    kind: 'Art',
    measure: 'Maß',
    polarity: 'Polarität',
    source: 'Quelle',
    licence: 'Lizenz',
    attribution: 'Namensnennung',
    updateInterval: 'Aktualisierung',
    definition: 'Berechnung (Formel, Eingänge, Perioden)',
  } satisfies Record<CatalogueOwnedField, string> as Record<CatalogueOwnedField, string>,
};

type CatalogueTexts = typeof de;

const en: CatalogueTexts = {
  title: 'Apply the indicator catalogue',
  nav: 'Apply catalogue',
  lead: (title, version, date, n) =>
    `The ${title} (version ${version} of ${date}) contains ${num(n, 'en')} indicators by the topics of the Anwendungsleitfaden, each with definition, formula, source tables and reference dates. Applied indicators appear under “Indicators” and become complete as soon as their tables are imported.`,
  factsCaption: 'Status in figures',
  factsInCatalogue: 'in the catalogue',
  factsApplied: 'applied',
  factsComplete: 'complete',
  factsIncomplete: 'incomplete',
  factsMissing: 'missing tables and data',
  chooseTitle: '1. Choose indicators',
  chooseHint:
    'Choose whole topics or single indicators. The preview shows what would change; nothing changes until “Apply catalogue”.',
  topicAll: (topic, chosen, total) => `${topic} (${chosen} of ${total} chosen)`,
  selectAll: 'Select all',
  selectOpen: 'Only those not yet applied',
  selectNone: 'Clear selection',
  chosenCount: (n) =>
    n === 0 ? 'No indicator chosen.' : n === 1 ? '1 indicator chosen.' : `${num(n, 'en')} indicators chosen.`,
  needsLocal: 'needs local data',
  alsoLocal: 'also small-area',
  variantLegend: 'Data basis of new indicators',
  variantOfficial: 'district tables of official statistics (Regionaldatenbank)',
  variantLocal: 'small-area data of the municipality, where the catalogue provides for them and they exist',
  preview: 'Show preview',
  nothingChosen: 'Please choose at least one indicator.',
  previewTitle: '2. Check the preview and apply',
  previewCaption: (version) => `What applying would change (catalogue version ${version})`,
  colIndicator: 'Indicator',
  colResult: 'Result',
  colChanges: 'Changes',
  counts: (c) =>
    `${num(c.create, 'en')} new, ${num(c.update, 'en')} changed, ${num(c.unchanged, 'en')} unchanged, ${num(c.keepLocal, 'en')} keeping local edits, ${num(c.skipped, 'en')} skipped.`,
  changeApply: (label, from, to) => `${label}: “${from}” → “${to}” (changed in the catalogue)`,
  changeKeep: (label, local, cat) => `${label}: local edit “${local}” is kept; catalogue: “${cat}”`,
  changeOverwrite: (label, local, cat) => `${label}: local edit “${local}” is replaced by “${cat}”`,
  overwrite: (name) => `Replace local edits of “${name}” with the catalogue`,
  fromVersion: (v) => `so far version ${v}`,
  localVariant: 'small-area',
  apply: 'Apply catalogue',
  applyBusy: 'Applying …',
  nothingToDo: 'The selection already matches this catalogue version; there is nothing to apply.',
  applied: (created, updated, values) =>
    `Catalogue applied: ${num(created, 'en')} indicators created, ${num(updated, 'en')} changed, ${num(values, 'en')} values computed.`,
  warningsTitle: 'Notes on the computation',
  statusTitle: 'Applied indicators',
  statusCaption: 'Indicators from the catalogue in this municipality',
  statusEmpty: 'No indicator applied from the catalogue yet. The editors can apply it here.',
  colTopic: 'Topic',
  colState: 'Status',
  colValues: 'Values',
  colNotes: 'Notes',
  edited: (fields) => `edited locally: ${fields}`,
  missingInput: (indicator, source) => `missing: ${indicator} (from ${source})`,
  removedTitle: 'No longer in the catalogue',
  removedText: (codes) =>
    `These indicators come from an earlier catalogue version that the current one no longer contains. They are kept: ${codes}.`,
  checklistTitle: 'Checklist: tables and data',
  checklistLead:
    'The applied indicators need these tables and data. Download missing tables as CSV and import them; the indicators are then computed without applying again.',
  checklistEmpty: 'Once indicators are applied, this lists the tables they need.',
  checklistDone: 'All tables and data needed are present.',
  neededBy: 'needed by',
  reference: 'Reference',
  depth: 'regional depth',
  download: (code) => `Download table ${code} (new window)`,
  howTo: 'How to',
  stillMissing: 'still missing',
  importLink: 'Go to import',
  checkState: { missing: 'missing', partial: 'partial', present: 'present' },
  state: {
    not_applied: 'not applied',
    complete: 'complete',
    incomplete: 'incomplete',
    code_taken: 'code taken',
  },
  action: {
    create: 'will be created',
    update: 'will be changed',
    unchanged: 'unchanged',
    keep_local: 'local edits kept',
    skip_code_taken: 'skipped',
    skip_newer_version: 'skipped',
    skip_no_data: 'skipped',
  },
  fields: {
    nameDe: 'Name',
    nameEn: 'Name (English)',
    description: 'Description',
    unit: 'Unit',
    decimals: 'Decimals',
    topic: 'Topic',
    tier: 'Tier',
    kind: 'Kind',
    measure: 'Measure',
    polarity: 'Polarity',
    source: 'Source',
    licence: 'Licence',
    attribution: 'Attribution',
    updateInterval: 'Update interval',
    definition: 'Computation (formula, inputs, periods)',
  },
};

export const CATALOGUE_TEXTS = { de, en };

/** The catalogue page's texts in the current language. */
export function useCatalogueTexts(): CatalogueTexts {
  const { lang } = useI18n();
  return CATALOGUE_TEXTS[lang];
}
