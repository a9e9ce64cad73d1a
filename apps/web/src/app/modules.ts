import type { Dict } from './i18n';

/** Keys of plain (non-function) texts. */
export type TextKey = { [K in keyof Dict]: Dict[K] extends string ? K : never }[keyof Dict];

export interface ModuleInfo {
  /** Path below /t/:slug (German). */
  path: string;
  title: TextKey;
  text: TextKey;
  /** Second sentence on the placeholder page; absent for modules that already work. */
  more?: TextKey;
}

/** The modules of a tenant, in the order of the sidebar and the start page. */
export const MODULES: readonly ModuleInfo[] = [
  { path: 'monitoring', title: 'moduleMonitoring', text: 'moduleMonitoringText' },
  { path: 'selbsteinschaetzung', title: 'moduleSelfAssessment', text: 'moduleSelfAssessmentText' },
  { path: 'ziele', title: 'moduleGoals', text: 'moduleGoalsText', more: 'moduleGoalsMore' },
  { path: 'berichte', title: 'moduleReports', text: 'moduleReportsText', more: 'moduleReportsMore' },
  { path: 'netzwerk', title: 'moduleNetwork', text: 'moduleNetworkText', more: 'moduleNetworkMore' },
  { path: 'befragungen', title: 'moduleSurveys', text: 'moduleSurveysText', more: 'moduleSurveysMore' },
  { path: 'wegweiser', title: 'moduleDirectory', text: 'moduleDirectoryText', more: 'moduleDirectoryMore' },
];

export const PLACEHOLDER_MODULES = MODULES.filter((m) => m.more);
