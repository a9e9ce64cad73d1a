import { z } from 'zod';

/*
 * One central mapping of validation errors to German: zod's messages (English by default, e.g. „Too
 * small: expected string to have >=20 characters“) never reach a user. `germanIssueMessage` is zod's
 * error map for the whole process (set below, on importing the contract, in the server and the browser);
 * `validationProblem` turns the issues of a request into the German message and the field details of
 * the API's 400 answer. Messages written in a schema (`.regex(…, 'Nur Kleinbuchstaben …')`) stay.
 */

/** German names of the fields of request bodies and queries (the last key of an issue's path). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  accessibility: 'Barrierefreiheit',
  active: 'Aktiv',
  actorId: 'Akteur',
  actorIds: 'Beteiligte Akteure',
  actorType: 'Art des Akteurs',
  address: 'Adresse',
  addressedUnit: 'Adressierte Stelle',
  adminEmail: 'E-Mail-Adresse der Administration',
  ageDimensionCode: 'Merkmal Alter',
  ageFrom: 'Alter von',
  agencyTenantId: 'Regionale Agentur',
  agendaItemId: 'Tagesordnungspunkt',
  ageTo: 'Alter bis',
  ags: 'Amtlicher Gemeindeschlüssel',
  alt: 'Alternativtext des Bildes',
  amount: 'Betrag',
  anonymous: 'Anonym',
  answer: 'Antwort',
  areaCode: 'Gebiet (Schlüssel)',
  areaId: 'Gebiet',
  areaIds: 'Gebiete',
  areaKey: 'Gebietsschlüssel',
  assignee: 'Zuständig',
  attribution: 'Namensnennung',
  attrs: 'Eigenschaften',
  authorIds: 'Autorinnen und Autoren',
  authors: 'Autorinnen und Autoren',
  basedOn: 'Grundlage',
  baselinePeriod: 'Ausgangszeitpunkt',
  baseUpdatedAt: 'Bearbeitungsstand',
  blockId: 'Baustein',
  body: 'Gremium',
  bodyId: 'Gremium (Kennung)',
  bodyIds: 'Adressierte Gremien',
  bodyType: 'Art des Gremiums',
  budgetPlanned: 'Geplantes Budget',
  budgetSpent: 'Ausgegebenes Budget',
  byPlanningUnit: 'Je Planungseinheit',
  cannotAssess: 'Kann ich nicht einschätzen',
  capacity: 'Kapazität',
  caption: 'Beschriftung',
  categories: 'Bildungsbereiche',
  chairActorId: 'Vorsitz',
  chapterId: 'Kapitel',
  city: 'Ort',
  code: 'Kürzel',
  codes: 'Indikatoren',
  color: 'Farbe',
  column: 'Spalte',
  comment: 'Kommentar',
  components: 'Kernkomponenten',
  consentOn: 'Einwilligung am',
  consentText: 'Einwilligungstext',
  contact: 'Ansprechpartner',
  content: 'Inhalt',
  cost: 'Kosten',
  count: 'Anzahl',
  createAreas: 'Unbekannte Gebiete anlegen',
  crs: 'Koordinatensystem',
  csv: 'CSV-Datei',
  currentPassword: 'Aktuelles Passwort',
  dataCutoff: 'Datenstand',
  dates: 'Termine',
  decidedOn: 'Beschlossen am',
  decimals: 'Nachkommastellen',
  deferralShare: 'Anteil Rückstellungen',
  definitions: 'Definitionen',
  description: 'Beschreibung',
  developmentGoalId: 'Entwicklungsziel',
  dimensionNames: 'Namen der Merkmale',
  direction: 'Richtung',
  dimensions: 'Merkmale',
  dims: 'Merkmale',
  doc: 'Formatierter Text',
  displayName: 'Name',
  documentUrl: 'Dokument (Adresse)',
  dryRun: 'Nur prüfen',
  dueOn: 'Termin',
  email: 'E-Mail-Adresse',
  endOn: 'Ende',
  endsAt: 'Ende (Zeitpunkt)',
  endsOn: 'Ende',
  evidenceFile: 'Nachweis',
  evidenceUrl: 'Beleg als Link',
  expiresAt: 'Gültig bis',
  fileName: 'Dateiname',
  firstSchoolYear: 'Erstes Schuljahr',
  findingId: 'Befund',
  format: 'Format',
  frameworkConditions: 'Rahmenbedingungen',
  frequency: 'Rhythmus',
  fromSchoolYear: 'Ab Schuljahr',
  function: 'Funktion',
  fundingProgramme: 'Förderprogramm',
  ganztagShare: 'Anteil mit Ganztagsbedarf',
  goalId: 'Ziel',
  goalIds: 'Ziele',
  group: 'Gruppe',
  headerRow: 'Kopfzeile',
  hint: 'Hinweis',
  href: 'Linkadresse',
  imageId: 'Bild',
  indicatorIds: 'Indikatoren',
  indicatorId: 'Indikator',
  indicators: 'Indikatoren',
  instrumentId: 'Instrument',
  interval: 'Abstand',
  isPlatformAdmin: 'Plattformadministration',
  isPublic: 'Öffentlich',
  isTotal: 'Insgesamt-Wert',
  key: 'Schlüssel',
  keyMappings: 'Schlüsselzuordnung',
  keyProperty: 'Schlüsselfeld',
  kind: 'Art',
  kitaPlacesSource: 'Quelle der Kita-Plätze',
  kindOfMeasure: 'Indikatorart',
  kitaU3Rate: 'Bedarfsquote U3',
  kitaUe3Rate: 'Bedarfsquote Ü3',
  label: 'Bezeichnung',
  labelEn: 'Bezeichnung (englisch)',
  languages: 'Sprachen',
  lastSchoolYear: 'Letztes Schuljahr',
  lat: 'Breitengrad',
  layer: 'Ebene',
  leadActorId: 'Federführung',
  legalBasis: 'Rechtsgrundlage',
  level: 'Typ',
  licence: 'Lizenz',
  locale: 'Sprache',
  location: 'Lage',
  logo: 'Logo',
  lon: 'Längengrad',
  mandate: 'Auftrag',
  mapping: 'Zuordnung',
  marks: 'Auszeichnungen',
  measure: 'Indikatorart',
  meetingDecisionId: 'Beschluss der Sitzung',
  milestones: 'Meilensteine',
  minutes: 'Protokoll',
  missionStatementId: 'Leitbild',
  mode: 'Art der Anlage',
  name: 'Name',
  nameDe: 'Bezeichnung',
  nameEn: 'Bezeichnung (englisch)',
  nameProperty: 'Namensfeld',
  netMigration: 'Wanderungssaldo',
  newPassword: 'Neues Passwort',
  note: 'Anmerkung',
  notEntitledShare: 'Anteil ohne Anspruch',
  notedOn: 'Stand',
  number: 'Nummer',
  online: 'Online',
  onlineLink: 'Link zur Online-Sitzung',
  onlyWithData: 'Nur mit vorhandenen Daten',
  openingHours: 'Öffnungszeiten',
  openingHoursNote: 'Hinweis zu Öffnungszeiten',
  options: 'Optionen',
  outcome: 'Ergebnis',
  outcomes: 'Ergebnisse',
  overwrite: 'Lokale Änderungen überschreiben',
  owner: 'Verantwortung',
  parentAreaId: 'Übergeordnetes Gebiet',
  parentId: 'Übergeordnetes Ziel',
  partners: 'Partner',
  password: 'Passwort',
  period: 'Zeitpunkt',
  periodEnd: 'Ende des Zeitraums',
  periods: 'Zeitpunkte',
  periodStart: 'Beginn des Zeitraums',
  periodType: 'Art des Zeitpunkts',
  phone: 'Telefon',
  place: 'Sitzungsort',
  places: 'Plätze',
  plan: 'Vorhaben',
  planningUnitId: 'Planungseinheit',
  polarity: 'Richtung',
  populationIndicatorCode: 'Indikator der Bevölkerung',
  postcode: 'Postleitzahl',
  prefer: 'Bevorzugte Variante',
  presentActorIds: 'Anwesende',
  preset: 'Vorlage für die Spalten',
  previousReportId: 'Vorheriger Bericht',
  price: 'Preis',
  priceNote: 'Hinweis zum Preis',
  priority: 'Priorität',
  provider: 'Träger',
  published: 'Veröffentlicht',
  purpose: 'Zweck',
  question: 'Leitfrage',
  quote: 'Textstelle',
  rationale: 'Begründung',
  receivedOn: 'Eingegangen am',
  recommendation: 'Handlungsempfehlung',
  recommendationId: 'Handlungsempfehlung',
  registrationOpen: 'Anmeldung offen',
  registrationRequired: 'Anmeldung erforderlich',
  repeat: 'Sitzungsreihe',
  requester: 'Anfragende Stelle',
  requesterType: 'Herkunft der Anfrage',
  responsibleUnit: 'Verantwortliche Stelle',
  retentionDays: 'Aufbewahrungsfrist (Tage)',
  recommendationIds: 'Handlungsempfehlungen',
  referenceAreaIds: 'Vergleichsgebiete',
  reportChapterId: 'Abschnitt eines Bildungsberichts',
  reportId: 'Bildungsbericht',
  responsibleUnitId: 'Verantwortliche Organisationseinheit',
  role: 'Rolle',
  roundId: 'Runde',
  saveKeyMappings: 'Zuordnung merken',
  scenarioId: 'Szenario',
  scheduleNote: 'Hinweis zu Terminen',
  schoolEntryCutoff: 'Einschulungsstichtag',
  schoolYear: 'Schuljahr',
  scope: 'Zugehörigkeit',
  sdcThreshold: 'Schwelle für kleine Fallzahlen',
  sheet: 'Tabellenblatt',
  skipUnmatched: 'Nicht zugeordnete Schlüssel auslassen',
  slug: 'Kürzel',
  source: 'Quelle',
  sourceKey: 'Quellschlüssel',
  specialSchoolShare: 'Anteil Förderschule',
  startOn: 'Beginn',
  startsAt: 'Beginn (Zeitpunkt)',
  startsOn: 'Beginn',
  statement: 'Stellungnahme',
  statisticsCode: 'Tabellenkennung',
  status: 'Status',
  street: 'Straße',
  summary: 'Zusammenfassung',
  targetGroups: 'Zielgruppen',
  targetLevel: 'Ziel-Typ',
  targetPeriod: 'Zielzeitpunkt',
  targetValue: 'Zielwert',
  template: 'Vorlage',
  text: 'Text',
  tier: 'Stufe',
  title: 'Titel',
  token: 'Link',
  topic: 'Thema',
  topics: 'Themen',
  toSchoolYear: 'Bis Schuljahr',
  type: 'Art',
  types: 'Entwicklungstypen',
  unit: 'Einheit',
  unitIds: 'Organisationseinheiten',
  updateInterval: 'Aktualisierung',
  userId: 'Person',
  userIds: 'Personen',
  validFrom: 'Gültig ab',
  validTo: 'Gültig bis',
  validUntil: 'Gültig bis (Datum)',
  value: 'Wert',
  values: 'Ausprägungen',
  version: 'Fassung',
  view: 'Ansicht',
  visibility: 'Sichtbarkeit',
  website: 'Webseite',
  wording: 'Wortlaut',
  contactEmail: 'Kontakt-E-Mail',
  providerId: 'Träger',
  decision: 'Entscheidung',
  message: 'Nachricht',
  days: 'Tage',
  intro: 'Text der Startseite',
  imprintUrl: 'Impressum',
  privacyUrl: 'Datenschutzerklärung',
  logoUrl: 'Logo',
  hiddenLevels: 'Interne Raumebenen',
  hiddenDimensions: 'Nur als Summe veröffentlichte Merkmale',
  xlsxBase64: 'Excel-Datei',
  cityName: 'Ort (für alle Zeilen)',
  externalId: 'Kennung in der Liste',
  reviewStatus: 'Prüfstatus',
  reviewerId: 'Prüferin oder Prüfer',
  workshops: 'Workshops',
};

const FORMATS: Record<string, string> = {
  email: 'ist keine gültige E-Mail-Adresse',
  url: 'ist keine gültige Adresse',
  uuid: 'ist keine gültige Kennung',
  guid: 'ist keine gültige Kennung',
  date: 'ist kein gültiges Datum (JJJJ-MM-TT)',
  datetime: 'ist kein gültiger Zeitpunkt',
  time: 'ist keine gültige Uhrzeit',
};

const plural = (n: number | bigint, one: string, many: string) => (Number(n) === 1 ? one : many);

/** The German message of one zod issue, without the field (it reads after the field's name). */
export function germanIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'fehlt' : 'hat nicht die erwartete Art (z. B. Text statt Zahl)';
    case 'too_small': {
      const n = issue.minimum;
      const min = issue.inclusive ? n : Number(n) + 1;
      if (issue.origin === 'string')
        return Number(min) <= 1 ? 'darf nicht leer sein' : `muss mindestens ${min} Zeichen lang sein`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `braucht mindestens ${min} ${plural(min, 'Eintrag', 'Einträge')}`;
      if (issue.origin === 'file') return 'ist zu klein';
      return issue.inclusive ? `muss mindestens ${n} sein` : `muss größer als ${n} sein`;
    }
    case 'too_big': {
      const n = issue.maximum;
      const max = issue.inclusive ? n : Number(n) - 1;
      if (issue.origin === 'string') return `darf höchstens ${max} Zeichen lang sein`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `darf höchstens ${max} ${plural(max, 'Eintrag', 'Einträge')} haben`;
      if (issue.origin === 'file') return 'ist zu groß';
      return issue.inclusive ? `darf höchstens ${n} sein` : `muss kleiner als ${n} sein`;
    }
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'hat nicht das erwartete Format';
    case 'invalid_value':
      return 'ist keiner der erlaubten Werte';
    case 'not_multiple_of':
      return `muss ein Vielfaches von ${issue.divisor} sein`;
    case 'unrecognized_keys':
      return `enthält unbekannte Angaben (${issue.keys.join(', ')})`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return 'ist ungültig';
  }
}

// The process-wide error map: every schema of the contract, the server and the browser speaks German.
z.config({ localeError: (issue) => germanIssueMessage(issue) });

/** „Titel“, „Kernkomponenten, Eintrag 2: Name“ for the path of an issue (without 'body'). */
export function fieldLabel(path: ReadonlyArray<string | number>): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number' || /^\d+$/.test(String(p))) parts.push(`Eintrag ${Number(p) + 1}`);
    else parts.push(FIELD_LABELS[p] ?? String(p));
  }
  return parts.join(', ');
}

export interface ValidationDetail {
  /** 'body.title', 'querystring.view' — the field for forms that mark it. */
  field: string;
  /** German, with the field's name: „„Titel“ darf höchstens 200 Zeichen lang sein.“ */
  message: string;
}

/**
 * German message and details of a request that did not pass its schema. `context` is where the data
 * was ('body', 'querystring', 'params', 'headers'); addresses (params) are never the user's input.
 */
export function validationProblem(
  context: string,
  issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>,
): { message: string; details: ValidationDetail[] } {
  const details = issues.map((i) => {
    const label = i.path.length ? fieldLabel(i.path) : '';
    // A message of our own map reads after the field („„Titel“ darf …“); a sentence written in a
    // schema („Das Passwort muss …“) follows it after a colon.
    const sentence = /^[A-ZÄÖÜ]/.test(i.message);
    const text = label ? `„${label}“${sentence ? ':' : ''} ${i.message}` : i.message;
    return {
      field: [context, ...i.path.map(String)].join('.'),
      message: `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`,
    };
  });
  if (context === 'params') {
    return { message: 'Die Adresse ist ungültig. Bitte prüfen Sie den Link.', details };
  }
  if (issues.every((i) => i.path.length === 0)) {
    return { message: 'Die Anfrage ist unvollständig oder fehlerhaft.', details };
  }
  const shown = details.slice(0, 5).map((d) => d.message);
  const more = details.length > 5 ? ` (und ${details.length - 5} weitere)` : '';
  return { message: `Bitte prüfen Sie Ihre Eingaben: ${shown.join(' ')}${more}`, details };
}
