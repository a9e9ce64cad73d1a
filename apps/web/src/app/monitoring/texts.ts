/** Texts of the monitoring pages, German first; English through the language switch. */
import { useI18n } from '../i18n';

const de = {
  moduleTitle: 'Bildungsmonitoring',
  // catalogue
  catalogueTitle: 'Indikatoren',
  catalogueLead:
    'Kennzahlen zu Bevölkerung, Bildung und Sozialstruktur nach Themen des kommunalen Bildungsmonitorings. Wählen Sie einen Indikator für Karte, Vergleich, Zeitverlauf und Tabelle.',
  filtersLegend: 'Indikatoren suchen und filtern',
  search: 'Suchbegriff',
  searchHint: 'Bezeichnung, Kürzel oder Beschreibung',
  searchSubmit: 'Suchen',
  resetFilters: 'Filter zurücksetzen',
  topic: 'Thema',
  allTopics: 'Alle Themen',
  tier: 'Indikatorart',
  allTiers: 'Alle Arten',
  visibility: 'Sichtbarkeit',
  allVisibilities: 'Alle',
  visibilityPublic: 'öffentlich',
  visibilityInternal: 'intern',
  resultCount: (n: number) =>
    n === 0
      ? 'Keine Indikatoren gefunden.'
      : n === 1
        ? '1 Indikator gefunden.'
        : `${n} Indikatoren gefunden.`,
  noResults: 'Kein Indikator passt zu Suche und Filtern.',
  emptyTitle: 'Noch keine Indikatoren',
  emptyText:
    'Für diese Kommune sind noch keine Daten vorhanden. Indikatoren entstehen beim Import statistischer Tabellen (z. B. GENESIS-Tabellen der statistischen Ämter, CSV- oder Excel-Dateien), aus berechneten Indikatoren und aus dem Kennzahlenkatalog.',
  emptyImportLink: 'Daten importieren',
  emptyCatalogueLink: 'Kennzahlenkatalog übernehmen',
  emptyAskEditors: 'Bitte wenden Sie sich an die Redaktion Ihrer Kommune, damit Daten importiert werden.',
  unit: 'Einheit',
  computed: 'berechnet',
  computedLong: 'Berechneter Indikator',
  coverage: 'Abdeckung',
  coverageText: (periods: number, first: string, last: string) =>
    periods === 1 ? `1 Zeitpunkt (${last})` : `${periods} Zeitpunkte (${first} bis ${last})`,
  lastPeriod: 'Neuester Stand',
  levels: 'Ebenen',
  noData: 'noch keine Werte',
  dimensionsLabel: 'Merkmale',
  // indicator page
  backToCatalogue: 'Zurück zum Indikatorenkatalog',
  indicator: 'Indikator',
  chartLoading: 'Diagramm wird geladen …',
  chartDownloadsHint:
    'Unter jedem Diagramm und unter der Karte stehen Schaltflächen zum Herunterladen als SVG oder PNG.',
  code: 'Kürzel',
  selection: 'Auswahl',
  selectionHint:
    'Jede Änderung aktualisiert Karte, Diagramme und Tabellen. Die Adresse der Seite hält die Auswahl fest und kann geteilt werden.',
  period: 'Zeitpunkt',
  permalink: 'Link zu genau dieser Auswahl',
  permalinkHint:
    '(zum Teilen oder als Lesezeichen; hält auch Zeitpunkt, Merkmale und Raumebene fest, die sonst den neuesten Stand zeigen)',
  level: 'Raumebene',
  area: 'Gebiet für den Zeitverlauf',
  view: 'Ansicht',
  viewInternal: 'Intern (alle Werte)',
  viewPublic: 'Öffentlich (kleine Fallzahlen geschützt)',
  viewPublicOnly:
    'Sie sehen die öffentliche Ansicht: Werte mit kleinen Fallzahlen sind zum Schutz der Betroffenen ausgeblendet.',
  viewInternalNote:
    'Interne Ansicht: Sie sehen auch Werte, die in der öffentlichen Ansicht ausgeblendet sind. Nicht weitergeben!',
  classMethod: 'Klassenbildung der Karte',
  classQuantile: 'Quantile',
  classEqual: 'Gleiche Intervalle',
  classJenks: 'Natürliche Unterbrechungen (Jenks)',
  classHint:
    'Quantile: gleich viele Gebiete je Klasse; gleiche Intervalle: gleich breite Wertebereiche; natürliche Unterbrechungen: Grenzen an den größten Lücken zwischen den Werten.',
  classCount: 'Anzahl der Klassen',
  boundaryDate: 'Gebietsstand',
  boundaryDateHint: 'Stichtag der Grenzen; leer = Zeitpunkt',
  dataLegend: 'Daten',
  mapLegend: 'Kartendarstellung',
  summary: (areas: number, withValue: number, withheld: number, period: string, level: string) =>
    `${period}, ${level}: ${areas} Gebiete, ${withValue} mit Zahlenwert` +
    (withheld ? `, ${withheld} zum Schutz kleiner Fallzahlen ausgeblendet` : '') +
    '.',
  noObservations: 'Für diese Auswahl liegen keine Werte vor.',
  noDataAtAll:
    'Für diesen Indikator liegen noch keine Werte vor. Werte kommen über den Import oder, bei berechneten Indikatoren, aus ihren Eingangsgrößen.',
  // map
  mapHeading: 'Karte',
  mapLabel: (name: string, period: string) => `Karte: ${name}, ${period}, nach Gebieten eingefärbt`,
  mapDescription:
    'Die Karte färbt die Gebiete nach Wertklassen. Alle Werte stehen in der Liste neben der Karte und in der Tabelle.',
  mapLoading: 'Karte wird geladen …',
  mapNoGeometry:
    'Für diese Raumebene und diesen Gebietsstand sind keine Grenzen hinterlegt. Grenzen werden über den Import (Geodaten) eingespielt.',
  mapUnavailable:
    'Die Karte kann in diesem Browser nicht angezeigt werden (WebGL nicht verfügbar). Die Werte stehen in der Liste und in der Tabelle.',
  legend: 'Legende',
  legendCaption: (unit: string) => `Wertklassen (${unit})`,
  legendFrom: (a: string, b: string) => `${a} bis ${b}`,
  legendAbove: (a: string, b: string) => `über ${a} bis ${b}`,
  legendNoData: 'keine Daten oder ausgeblendet',
  legendCount: (n: number) => (n === 1 ? '1 Gebiet' : `${n} Gebiete`),
  areaList: (unit: string) => `Gebiete auf der Karte (Einheit: ${unit})`,
  areaListHint:
    'Pfeiltasten wechseln das Gebiet; das Gebiet wird auf der Karte hervorgehoben und sein Wert angesagt. Eingabetaste wählt es für den Zeitverlauf.',
  classOf: (i: number, n: number) => `Klasse ${i} von ${n}`,
  noClass: 'ohne Klasse',
  mapPng: 'Karte als PNG',
  focusedArea: 'Hervorgehobenes Gebiet',
  // bars
  barsHeading: 'Vergleich der Gebiete',
  barsLabel: (name: string, period: string) =>
    `Balkendiagramm: ${name}, ${period}, Gebiete nach Wert sortiert`,
  barsDescription: (selected: string) =>
    `Gebiete nach Wert absteigend sortiert; ${selected} ist mit ▶, Schraffur und fettem Wert hervorgehoben. Die Werte stehen auch in der Tabelle.`,
  barsWithout: (n: number) =>
    n === 1
      ? '1 Gebiet ohne Zahlenwert ist nicht dargestellt.'
      : `${n} Gebiete ohne Zahlenwert sind nicht dargestellt.`,
  selectedMark: 'ausgewählt',
  referenceLine: (name: string, value: string) => `gestrichelte Linie: ${name} ${value}`,
  // time series
  seriesHeading: 'Zeitverlauf',
  seriesLabel: (name: string, area: string) =>
    `Liniendiagramm: ${name} in ${area} und übergeordneten Gebieten im Zeitverlauf`,
  seriesDescription:
    'Durchgezogene Linie: gewähltes Gebiet; gestrichelte Linien: übergeordnete Gebiete (Referenzwerte). Die Werte stehen in der Tabelle darunter.',
  seriesTable: 'Zeitverlauf als Tabelle',
  seriesCaption: (name: string, area: string, unit: string) =>
    `${name} (${unit}): ${area} und Referenzgebiete je Zeitpunkt`,
  noReferences: 'Für dieses Gebiet gibt es keine übergeordneten Gebiete mit Werten.',
  aggregated: 'aus den Teilgebieten berechnet',
  imported: 'wie veröffentlicht',
  // table
  tableHeading: 'Tabelle',
  tableCaption: (name: string, period: string, unit: string) =>
    `${name} (${unit}) am ${period} nach Gebieten`,
  colCode: 'Schlüssel',
  colArea: 'Gebiet',
  colValue: (unit: string) => `Wert (${unit})`,
  colNote: 'Hinweis',
  colPeriod: 'Zeitpunkt',
  sortBy: (col: string) => `Nach ${col} sortieren`,
  sortedAsc: 'aufsteigend sortiert',
  sortedDesc: 'absteigend sortiert',
  referenceRow: (level: string) => `Referenz, ${level}`,
  flagLegend: 'Zeichenerklärung',
  // downloads
  downloadsHeading: 'Downloads',
  downloadsSelection: 'Aktuelle Auswahl (Zeitpunkt, Merkmale, Raumebene)',
  downloadsAll: 'Alle Werte des Indikators',
  downloadsCharts: 'Diagramme als Bild',
  csv: 'CSV (deutsches Format)',
  xlsx: 'Excel (XLSX)',
  json: 'JSON',
  svg: 'SVG',
  png: 'PNG',
  downloadAs: (what: string, fmt: string) => `${what} als ${fmt} herunterladen`,
  downloadFmt: (fmt: string) => `${fmt} herunterladen`,
  downloadPublicNote:
    'Die Downloads enthalten die öffentliche Fassung: kleine Fallzahlen sind ausgeblendet; Dateiname und Datei sagen es.',
  downloadInternalNote:
    'Interne Ansicht: Die Downloads enthalten ungeschützte Werte. Dateiname und Datei sind als INTERN gekennzeichnet – nicht veröffentlichen.',
  chartRenderFailed: 'Das Diagramm konnte nicht erzeugt werden.',
  // metadata
  metaHeading: 'Metadaten',
  description: 'Beschreibung',
  type: 'Typ',
  kindStatus: 'Bestandsindikator',
  kindDynamic: 'Veränderungsindikator',
  measureAbsolute: 'absolute Zahl',
  measureRelative: 'relative Zahl (Anteil, Quote)',
  polarity: 'Lesart',
  polarityHigher: 'höhere Werte sind günstiger',
  polarityLower: 'niedrigere Werte sind günstiger',
  polarityNeutral: 'neutral',
  periodType: 'Zeitbezug',
  periodTypes: { year: 'Jahr', half_year: 'Halbjahr', school_year: 'Schuljahr', date: 'Stichtag' } as Record<
    string,
    string
  >,
  source: 'Quelle',
  licence: 'Lizenz',
  attribution: 'Namensnennung',
  updateInterval: 'Aktualisierung',
  contact: 'Ansprechperson',
  statisticsCode: 'Statistik-Kennung',
  formula: 'Formel',
  inputs: 'Eingangsgrößen',
  dependents: 'Wird verwendet von',
  observations: 'Werte',
  notGiven: 'nicht angegeben',
  updatedAt: 'Zuletzt geändert',
  // editing (editors and administrators)
  manageLabel: 'Indikator verwalten',
  editMeta: 'Metadaten bearbeiten',
  editComputed: 'Berechnung bearbeiten',
  deleteIndicator: 'Indikator löschen',
  editLead:
    'Änderungen gelten sofort für Katalog, Indikatorseite, Downloads und – bei öffentlichen Indikatoren – das öffentliche Portal. Das Kürzel bleibt unverändert.',
  requiredNote: 'Pflichtfelder sind mit * markiert.',
  required: '(Pflichtfeld)',
  fsNames: 'Bezeichnung und Beschreibung',
  fsClassification: 'Einordnung',
  fsDisplay: 'Darstellung der Werte',
  fsPublication: 'Veröffentlichung und Schutz kleiner Fallzahlen',
  fsSource: 'Quelle und Pflege',
  nameDe: 'Bezeichnung (deutsch)',
  nameEn: 'Bezeichnung (englisch)',
  nameEnHint: 'Für die englische Ansicht; leer = deutsche Bezeichnung',
  descriptionHint: 'Was der Indikator misst, Abgrenzungen, Berechnung (höchstens 4000 Zeichen)',
  unitHint: 'z. B. Personen, %, je 1.000 Einwohner',
  decimals: 'Nachkommastellen',
  decimalsHint: 'Ganze Zahl von 0 bis 6, für Anzeige und Downloads',
  typeKind: 'Art der Kennzahl',
  typeMeasure: 'Maßzahl',
  sourceHint: 'z. B. Statistisches Landesamt, Tabelle 12411-01-01-4',
  licenceHint: 'z. B. Datenlizenz Deutschland – Namensnennung – Version 2.0',
  attributionHint: 'Text, der bei Weitergabe der Daten genannt werden muss',
  updateIntervalHint: 'z. B. jährlich zum 31.12.',
  contactHint: 'Stelle oder Person, an die sich Nutzende bei Fragen wenden',
  visibilityExplain:
    'Öffentliche Indikatoren erscheinen im öffentlichen Portal der Kommune und sind für alle ohne Anmeldung abrufbar. Dort werden Fallzahlen immer geschützt: Werte unter dem Schwellenwert werden ausgeblendet (und, wo nötig, weitere Werte, damit sie sich nicht zurückrechnen lassen). Interne Indikatoren sehen nur angemeldete Mitglieder der Kommune in der Arbeitsumgebung.',
  visibilityPublicOption: 'öffentlich – im öffentlichen Portal, kleine Fallzahlen geschützt',
  visibilityInternalOption: 'intern – nur in der Arbeitsumgebung',
  threshold: 'Schwellenwert für kleine Fallzahlen',
  thresholdHint: (tenantDefault: number | null) =>
    `Werte unter dieser Zahl werden öffentlich ausgeblendet. Leer = Voreinstellung der Kommune${
      tenantDefault === null ? '' : ` (derzeit ${tenantDefault})`
    }, sie gilt für absolute Zahlen; relative Zahlen ohne eigenen Wert werden nicht geschützt. 0 = keine Fallzahl, kein Schutz. Ganze Zahl von 0 bis 100.`,
  thresholdDefault: 'Voreinstellung der Kommune (für absolute Zahlen)',
  thresholdNone: '0 – keine Fallzahl, kein Schutz',
  thresholdValue: (n: number) => `Werte unter ${n} werden öffentlich ausgeblendet`,
  saveMeta: 'Metadaten speichern',
  saving: 'Wird gespeichert …',
  cancelEdit: 'Abbrechen',
  metaSaved: 'Die Metadaten wurden gespeichert.',
  noChanges: 'Es gab keine Änderungen zu speichern.',
  errorSummaryTitle: 'Bitte korrigieren Sie die folgenden Angaben:',
  errRequired: (label: string) => `Bitte geben Sie „${label}“ an.`,
  errTooLong: (label: string, max: number) => `„${label}“ darf höchstens ${max} Zeichen lang sein.`,
  errInteger: (label: string, min: number, max: number) =>
    `„${label}“ muss eine ganze Zahl von ${min} bis ${max} sein.`,
  errServerField: (label: string, message: string) => `${label}: ${message}`,
  // delete
  deleteLead: (name: string, n: number, values: string) =>
    `Der Indikator „${name}“ wird ${
      n === 0
        ? 'mit seinen'
        : n === 1
          ? 'mit seinem einen Wert, seinen'
          : `mit allen ${values} Werten, seinen`
    } Merkmalszuordnungen und Metadaten endgültig gelöscht. Das lässt sich nicht rückgängig machen; Links auf den Indikator funktionieren danach nicht mehr.`,
  deleteDependents: (list: string) =>
    `Dieser Indikator wird von berechneten Indikatoren verwendet (${list}). Er kann erst gelöscht werden, wenn diese Berechnungen ihn nicht mehr verwenden oder selbst gelöscht sind.`,
  deleteConfirm: (code: string) => `Zur Bestätigung das Kürzel „${code}“ eingeben`,
  deleteConfirmHint: 'Genau so, wie es dasteht (Groß- und Kleinschreibung beachten).',
  deleteMismatch: (code: string) => `Das eingegebene Kürzel stimmt nicht mit „${code}“ überein.`,
  deleteSubmit: 'Endgültig löschen',
  deleting: 'Wird gelöscht …',
  deleted: (name: string, code: string) =>
    `Der Indikator „${name}“ (${code}) wurde mit allen Werten gelöscht.`,
  // areas
  areasTitle: 'Gebiete',
  areasLead:
    'Raumeinheiten der Kommune. Das Gebietsprofil zeigt alle Indikatoren eines Gebiets mit Referenzwerten.',
  areaSearch: 'Gebiet suchen',
  areaFilters: 'Gebiete suchen und filtern',
  areaSearchHint: 'Name oder Schlüssel',
  allLevels: 'Alle Ebenen',
  areasCaption: (level: string) => `Gebiete der Ebene ${level}`,
  colParent: 'Übergeordnet',
  colGeometry: 'Grenzen',
  colProfile: 'Profil',
  profileLink: (name: string) => `Profil von ${name}`,
  yes: 'ja',
  no: 'nein',
  noAreas: 'Keine Gebiete gefunden.',
  areasCount: (n: number) => (n === 1 ? '1 Gebiet gefunden.' : `${n} Gebiete gefunden.`),
  tooMany: (shown: number, total: number) =>
    `Es werden die ersten ${shown} von ${total} Gebieten gezeigt. Bitte grenzen Sie die Suche ein.`,
  // profile
  profileTitle: (name: string) => `Gebietsprofil: ${name}`,
  profileFacts: 'Angaben zum Gebiet',
  parentChain: 'Übergeordnete Gebiete',
  children: 'Teilgebiete',
  noChildren: 'keine',
  noParents: 'keine',
  validity: 'Gültigkeit',
  validFromTo: (a: string, b: string) => `${a} bis ${b}`,
  always: 'unbegrenzt',
  profileIndicators: 'Indikatoren',
  profileCaption: (topic: string) => `${topic}: neuester Wert, Referenzwerte und Trend`,
  profileShown: (dim: string, value: string) => `${dim}: ${value}`,
  profileSummed: (dim: string, values: string) =>
    `Summe aus ${values} (${dim}; die Daten haben keinen amtlichen Gesamtwert)`,
  colIndicator: 'Indikator',
  colLatest: 'Neuester Wert',
  colTrend: 'Trend',
  profileEmpty:
    'Für dieses Gebiet liegen keine eigenen Werte vor. Werte übergeordneter Gebiete werden in den Profilen ihrer Teilgebiete als Referenz gezeigt.',
  trendText: (from: string, fromPeriod: string, to: string, toPeriod: string, dir: string) =>
    `${fromPeriod}: ${from} → ${toPeriod}: ${to} (${dir})`,
  trendUp: 'steigend',
  trendDown: 'fallend',
  trendFlat: 'gleichbleibend',
  trendNone: 'kein Verlauf',
  onIndicatorPage: (name: string, area: string) => `${name} für ${area} auf der Indikatorseite`,
  loadFailed: 'Die Daten konnten nicht geladen werden.',
};

export type MonitoringTexts = typeof de;

const en: MonitoringTexts = {
  moduleTitle: 'Education monitoring',
  catalogueTitle: 'Indicators',
  catalogueLead:
    'Indicators on population, education and social structure, grouped by the topics of municipal education monitoring. Choose an indicator for map, comparison, time series and table.',
  filtersLegend: 'Search and filter indicators',
  search: 'Search term',
  searchHint: 'Name, code or description',
  searchSubmit: 'Search',
  resetFilters: 'Reset filters',
  topic: 'Topic',
  allTopics: 'All topics',
  tier: 'Indicator type',
  allTiers: 'All types',
  visibility: 'Visibility',
  allVisibilities: 'All',
  visibilityPublic: 'public',
  visibilityInternal: 'internal',
  resultCount: (n) =>
    n === 0 ? 'No indicators found.' : n === 1 ? '1 indicator found.' : `${n} indicators found.`,
  noResults: 'No indicator matches the search and filters.',
  emptyTitle: 'No indicators yet',
  emptyText:
    'There is no data for this municipality yet. Indicators are created when statistical tables are imported (e.g. GENESIS tables of the statistical offices, CSV or Excel files), from computed indicators and from the indicator catalogue.',
  emptyImportLink: 'Import data',
  emptyCatalogueLink: 'Apply the indicator catalogue',
  emptyAskEditors: 'Please ask the editors of your municipality to import data.',
  unit: 'Unit',
  computed: 'computed',
  computedLong: 'Computed indicator',
  coverage: 'Coverage',
  coverageText: (periods, first, last) =>
    periods === 1 ? `1 period (${last})` : `${periods} periods (${first} to ${last})`,
  lastPeriod: 'Latest period',
  levels: 'Levels',
  noData: 'no values yet',
  dimensionsLabel: 'Dimensions',
  backToCatalogue: 'Back to the indicator catalogue',
  indicator: 'Indicator',
  chartLoading: 'Loading chart …',
  chartDownloadsHint: 'Below every chart and below the map there are buttons to download it as SVG or PNG.',
  code: 'Code',
  selection: 'Selection',
  selectionHint:
    'Every change updates map, charts and tables. The page address keeps the selection and can be shared.',
  period: 'Period',
  permalink: 'Link to exactly this selection',
  permalinkHint:
    '(to share or bookmark; also fixes period, dimensions and level, which otherwise follow the latest data)',
  level: 'Spatial level',
  area: 'Area for the time series',
  view: 'View',
  viewInternal: 'Internal (all values)',
  viewPublic: 'Public (small numbers protected)',
  viewPublicOnly:
    'You see the public view: values based on small numbers are withheld to protect the people concerned.',
  viewInternalNote:
    'Internal view: you also see values that are withheld in the public view. Do not pass them on!',
  classMethod: 'Map classification',
  classQuantile: 'Quantiles',
  classEqual: 'Equal intervals',
  classJenks: 'Natural breaks (Jenks)',
  classHint:
    'Quantiles: the same number of areas per class; equal intervals: value ranges of equal width; natural breaks: bounds at the largest gaps between the values.',
  classCount: 'Number of classes',
  boundaryDate: 'Boundary date',
  boundaryDateHint: 'Date of the boundaries; empty = period',
  dataLegend: 'Data',
  mapLegend: 'Map display',
  summary: (areas, withValue, withheld, period, level) =>
    `${period}, ${level}: ${areas} areas, ${withValue} with a value` +
    (withheld ? `, ${withheld} withheld to protect small numbers` : '') +
    '.',
  noObservations: 'There are no values for this selection.',
  noDataAtAll:
    'This indicator has no values yet. Values come from imports or, for computed indicators, from their inputs.',
  mapHeading: 'Map',
  mapLabel: (name, period) => `Map: ${name}, ${period}, areas coloured by value`,
  mapDescription:
    'The map colours the areas by value classes. All values are in the list next to the map and in the table.',
  mapLoading: 'Loading map …',
  mapNoGeometry:
    'No boundaries are stored for this level and boundary date. Boundaries are added through the import (geodata).',
  mapUnavailable:
    'The map cannot be shown in this browser (WebGL not available). The values are in the list and in the table.',
  legend: 'Legend',
  legendCaption: (unit) => `Value classes (${unit})`,
  legendFrom: (a, b) => `${a} to ${b}`,
  legendAbove: (a, b) => `above ${a} to ${b}`,
  legendNoData: 'no data or withheld',
  legendCount: (n) => (n === 1 ? '1 area' : `${n} areas`),
  areaList: (unit) => `Areas on the map (unit: ${unit})`,
  areaListHint:
    'Arrow keys move between areas; the area is highlighted on the map and its value announced. Enter selects it for the time series.',
  classOf: (i, n) => `class ${i} of ${n}`,
  noClass: 'no class',
  mapPng: 'Map as PNG',
  focusedArea: 'Highlighted area',
  barsHeading: 'Comparison of areas',
  barsLabel: (name, period) => `Bar chart: ${name}, ${period}, areas sorted by value`,
  barsDescription: (selected) =>
    `Areas sorted by value, highest first; ${selected} is marked with ▶, hatching and a bold value. The values are also in the table.`,
  barsWithout: (n) =>
    n === 1 ? '1 area without a value is not shown.' : `${n} areas without a value are not shown.`,
  selectedMark: 'selected',
  referenceLine: (name, value) => `dashed line: ${name} ${value}`,
  seriesHeading: 'Time series',
  seriesLabel: (name, area) => `Line chart: ${name} in ${area} and its parent areas over time`,
  seriesDescription:
    'Solid line: selected area; dashed lines: parent areas (reference values). The values are in the table below.',
  seriesTable: 'Time series as a table',
  seriesCaption: (name, area, unit) => `${name} (${unit}): ${area} and reference areas by period`,
  noReferences: 'This area has no parent areas with values.',
  aggregated: 'computed from the sub-areas',
  imported: 'as published',
  tableHeading: 'Table',
  tableCaption: (name, period, unit) => `${name} (${unit}) on ${period} by area`,
  colCode: 'Key',
  colArea: 'Area',
  colValue: (unit) => `Value (${unit})`,
  colNote: 'Note',
  colPeriod: 'Period',
  sortBy: (col) => `Sort by ${col}`,
  sortedAsc: 'sorted ascending',
  sortedDesc: 'sorted descending',
  referenceRow: (level) => `reference, ${level}`,
  flagLegend: 'Explanation of signs',
  downloadsHeading: 'Downloads',
  downloadsSelection: 'Current selection (period, dimensions, level)',
  downloadsAll: 'All values of the indicator',
  downloadsCharts: 'Charts as images',
  csv: 'CSV (German format)',
  xlsx: 'Excel (XLSX)',
  json: 'JSON',
  svg: 'SVG',
  png: 'PNG',
  downloadAs: (what, fmt) => `Download ${what} as ${fmt}`,
  downloadFmt: (fmt) => `Download ${fmt}`,
  downloadPublicNote:
    'The downloads contain the public version: small counts are withheld; file name and file say so.',
  downloadInternalNote:
    'Internal view: the downloads contain unprotected values. File name and file are marked INTERN – do not publish.',
  chartRenderFailed: 'The chart could not be drawn.',
  metaHeading: 'Metadata',
  description: 'Description',
  type: 'Type',
  kindStatus: 'Status indicator',
  kindDynamic: 'Change indicator',
  measureAbsolute: 'absolute number',
  measureRelative: 'relative number (share, rate)',
  polarity: 'Reading',
  polarityHigher: 'higher values are better',
  polarityLower: 'lower values are better',
  polarityNeutral: 'neutral',
  periodType: 'Time reference',
  periodTypes: { year: 'Year', half_year: 'Half-year', school_year: 'School year', date: 'Reference date' },
  source: 'Source',
  licence: 'Licence',
  attribution: 'Attribution',
  updateInterval: 'Update interval',
  contact: 'Contact',
  statisticsCode: 'Statistics code',
  formula: 'Formula',
  inputs: 'Inputs',
  dependents: 'Used by',
  observations: 'Values',
  notGiven: 'not given',
  updatedAt: 'Last changed',
  manageLabel: 'Manage indicator',
  editMeta: 'Edit metadata',
  editComputed: 'Edit computation',
  deleteIndicator: 'Delete indicator',
  editLead:
    'Changes apply at once to the catalogue, the indicator page, downloads and – for public indicators – the public portal. The code stays unchanged.',
  requiredNote: 'Required fields are marked with *.',
  required: '(required)',
  fsNames: 'Name and description',
  fsClassification: 'Classification',
  fsDisplay: 'Display of values',
  fsPublication: 'Publication and protection of small numbers',
  fsSource: 'Source and maintenance',
  nameDe: 'Name (German)',
  nameEn: 'Name (English)',
  nameEnHint: 'For the English view; empty = German name',
  descriptionHint: 'What the indicator measures, definitions, computation (at most 4000 characters)',
  unitHint: 'e.g. persons, %, per 1,000 inhabitants',
  decimals: 'Decimal places',
  decimalsHint: 'Whole number from 0 to 6, for display and downloads',
  typeKind: 'Kind of figure',
  typeMeasure: 'Measure',
  sourceHint: 'e.g. state statistical office, table 12411-01-01-4',
  licenceHint: 'e.g. Data licence Germany – attribution – version 2.0',
  attributionHint: 'Text to be named when the data is passed on',
  updateIntervalHint: 'e.g. yearly as of 31 December',
  contactHint: 'Office or person to contact with questions',
  visibilityExplain:
    'Public indicators appear on the public portal of the municipality and can be seen by everyone without signing in. There, small numbers are always protected: values below the threshold are withheld (and, where needed, further values so that they cannot be recomputed). Internal indicators are seen only by signed-in members of the municipality in the workbench.',
  visibilityPublicOption: 'public – on the public portal, small numbers protected',
  visibilityInternalOption: 'internal – workbench only',
  threshold: 'Threshold for small numbers',
  thresholdHint: (tenantDefault) =>
    `Values below this number are withheld in public. Empty = the municipality's default${
      tenantDefault === null ? '' : ` (currently ${tenantDefault})`
    }, which applies to absolute numbers; relative numbers without a value of their own are not protected. 0 = not a count, no protection. Whole number from 0 to 100.`,
  thresholdDefault: "the municipality's default (for absolute numbers)",
  thresholdNone: '0 – not a count, no protection',
  thresholdValue: (n) => `values below ${n} are withheld in public`,
  saveMeta: 'Save metadata',
  saving: 'Saving …',
  cancelEdit: 'Cancel',
  metaSaved: 'The metadata has been saved.',
  noChanges: 'There were no changes to save.',
  errorSummaryTitle: 'Please correct the following:',
  errRequired: (label) => `Please enter “${label}”.`,
  errTooLong: (label, max) => `“${label}” may be at most ${max} characters long.`,
  errInteger: (label, min, max) => `“${label}” must be a whole number from ${min} to ${max}.`,
  errServerField: (label, message) => `${label}: ${message}`,
  deleteLead: (name, n, values) =>
    `The indicator “${name}” is deleted for good with ${
      n === 0 ? 'its' : n === 1 ? 'its one value, its' : `all ${values} values, its`
    } dimension links and metadata. This cannot be undone; links to the indicator will no longer work.`,
  deleteDependents: (list) =>
    `This indicator is used by computed indicators (${list}). It can only be deleted once these computations no longer use it or have been deleted themselves.`,
  deleteConfirm: (code) => `To confirm, enter the code “${code}”`,
  deleteConfirmHint: 'Exactly as shown (upper and lower case matter).',
  deleteMismatch: (code) => `The code entered does not match “${code}”.`,
  deleteSubmit: 'Delete for good',
  deleting: 'Deleting …',
  deleted: (name, code) => `The indicator “${name}” (${code}) has been deleted with all its values.`,
  areasTitle: 'Areas',
  areasLead:
    'Spatial units of the municipality. The area profile shows all indicators of an area with reference values.',
  areaSearch: 'Search area',
  areaFilters: 'Search and filter areas',
  areaSearchHint: 'Name or key',
  allLevels: 'All levels',
  areasCaption: (level) => `Areas of level ${level}`,
  colParent: 'Parent',
  colGeometry: 'Boundaries',
  colProfile: 'Profile',
  profileLink: (name) => `Profile of ${name}`,
  yes: 'yes',
  no: 'no',
  noAreas: 'No areas found.',
  areasCount: (n) => (n === 1 ? '1 area found.' : `${n} areas found.`),
  tooMany: (shown, total) => `Showing the first ${shown} of ${total} areas. Please narrow the search.`,
  profileTitle: (name) => `Area profile: ${name}`,
  profileFacts: 'About the area',
  parentChain: 'Parent areas',
  children: 'Sub-areas',
  noChildren: 'none',
  noParents: 'none',
  validity: 'Validity',
  validFromTo: (a, b) => `${a} to ${b}`,
  always: 'unlimited',
  profileIndicators: 'Indicators',
  profileCaption: (topic) => `${topic}: latest value, reference values and trend`,
  profileShown: (dim, value) => `${dim}: ${value}`,
  profileSummed: (dim, values) => `Sum of ${values} (${dim}; the data has no official total)`,
  colIndicator: 'Indicator',
  colLatest: 'Latest value',
  colTrend: 'Trend',
  profileEmpty:
    'This area has no values of its own. Values of parent areas are shown as references in the profiles of their sub-areas.',
  trendText: (from, fromPeriod, to, toPeriod, dir) => `${fromPeriod}: ${from} → ${toPeriod}: ${to} (${dir})`,
  trendUp: 'rising',
  trendDown: 'falling',
  trendFlat: 'stable',
  trendNone: 'no trend',
  onIndicatorPage: (name, area) => `${name} for ${area} on the indicator page`,
  loadFailed: 'The data could not be loaded.',
};

export const MONITORING_TEXTS = { de, en };

/** The monitoring texts of the current language. */
export function useTexts(): MonitoringTexts {
  const { lang } = useI18n();
  return MONITORING_TEXTS[lang];
}
