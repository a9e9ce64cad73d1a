/** Texts of the page „Kooperationsprojekte“ (German first; English through the language switch). */
import { useI18n } from '../i18n';

const de = {
  navProjects: 'Projekte',
  title: 'Kooperationsprojekte',
  lead: 'Projekte, die mehrere Akteure gemeinsam tragen. Laufende Projekte zählen wie gemeinsame Gremien auf der Kooperationskarte.',
  caption: (n: number) => `Kooperationsprojekte (${n})`,
  colName: 'Projekt',
  colTopic: 'Thema',
  colPeriod: 'Zeitraum',
  colActors: 'Beteiligte Akteure',
  colLead: 'Federführung',
  running: 'läuft',
  ended: 'beendet oder noch nicht begonnen',
  openEnded: 'offen',
  since: (d: string) => `seit ${d}`,
  period: (from: string, to: string) => `${from} bis ${to}`,
  none: 'Noch keine Kooperationsprojekte angelegt.',
  newHeading: 'Kooperationsprojekt anlegen',
  fName: 'Name des Projekts',
  fTopic: 'Thema',
  fDescription: 'Beschreibung (optional)',
  fStartsOn: 'Beginn',
  fEndsOn: 'Ende (leer: offen)',
  fActors: 'Beteiligte Akteure (mindestens zwei)',
  fLead: 'Federführung (optional)',
  noLead: '– keine –',
  create: 'Projekt anlegen',
  created: (n: string) => `Das Kooperationsprojekt „${n}“ wurde angelegt.`,
  errName: 'Bitte den Namen des Projekts eingeben.',
  errStartsOn: 'Bitte den Beginn als Datum eingeben.',
  errActors: 'Bitte mindestens zwei beteiligte Akteure auswählen.',
  errEndsOn: 'Das Ende liegt vor dem Beginn.',
  errLead: 'Die Federführung muss einer der beteiligten Akteure sein.',
};

export type ProjectTexts = typeof de;

const en: ProjectTexts = {
  navProjects: 'Projects',
  title: 'Cooperation projects',
  lead: 'Projects that several actors carry out together. Running projects count like shared bodies on the cooperation map.',
  caption: (n) => `Cooperation projects (${n})`,
  colName: 'Project',
  colTopic: 'Topic',
  colPeriod: 'Period',
  colActors: 'Participating actors',
  colLead: 'Lead',
  running: 'running',
  ended: 'ended or not yet started',
  openEnded: 'open',
  since: (d) => `since ${d}`,
  period: (from, to) => `${from} to ${to}`,
  none: 'No cooperation projects yet.',
  newHeading: 'Create a cooperation project',
  fName: 'Name of the project',
  fTopic: 'Topic',
  fDescription: 'Description (optional)',
  fStartsOn: 'Start',
  fEndsOn: 'End (empty: open)',
  fActors: 'Participating actors (at least two)',
  fLead: 'Lead (optional)',
  noLead: '– none –',
  create: 'Create project',
  created: (n) => `The cooperation project “${n}” has been created.`,
  errName: 'Please enter the name of the project.',
  errStartsOn: 'Please enter the start as a date.',
  errActors: 'Please choose at least two participating actors.',
  errEndsOn: 'The end lies before the start.',
  errLead: 'The lead must be one of the participating actors.',
};

export const PROJECT_TEXTS = { de, en };

export function useProjectTexts(): ProjectTexts {
  const { lang } = useI18n();
  return PROJECT_TEXTS[lang];
}
