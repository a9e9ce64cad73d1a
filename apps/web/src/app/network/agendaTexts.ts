/** Texts of the steering embeds on agenda items: a goal with progress, a recommendation (German first). */
import type { RecommendationStatus } from '@dkbm/contract';
import { RECOMMENDATION_STATUS_LABELS } from '@dkbm/contract';
import { useI18n } from '../i18n';

const de = {
  fGoal: 'Ziel mit Fortschritt einbetten (optional)',
  noGoal: '– kein Ziel –',
  fRecommendation: 'Handlungsempfehlung einbetten (optional)',
  noRecommendation: '– keine Handlungsempfehlung –',
  goalHeading: (title: string) => `Ziel: ${title}`,
  goalProgress: (label: string) => `Fortschritt: ${label}`,
  goalCaption: (title: string) => `Zielwerte zu „${title}“`,
  colIndicator: 'Kennzahl',
  colArea: 'Raumeinheit',
  colTarget: 'Zielwert',
  colLatest: 'Letzter Wert',
  colProgress: 'Fortschritt',
  recommendationHeading: (title: string) => `Handlungsempfehlung: ${title}`,
  recommendationStatus: (status: string) => `Stand in der Steuerung: ${status}`,
  liveState: (asOf: string) => `Live aus der Steuerung (Stand ${asOf})`,
  frozenState: (asOf: string) => `Mit dem Protokoll eingefroren am ${asOf}`,
  recStatus: RECOMMENDATION_STATUS_LABELS as Record<RecommendationStatus, string>,
};
export type AgendaTexts = typeof de;

const en: AgendaTexts = {
  fGoal: 'Embed a goal with its progress (optional)',
  noGoal: '– no goal –',
  fRecommendation: 'Embed a recommendation (optional)',
  noRecommendation: '– no recommendation –',
  goalHeading: (title) => `Goal: ${title}`,
  goalProgress: (label) => `Progress: ${label}`,
  goalCaption: (title) => `Targets of “${title}”`,
  colIndicator: 'Indicator',
  colArea: 'Area',
  colTarget: 'Target',
  colLatest: 'Latest value',
  colProgress: 'Progress',
  recommendationHeading: (title) => `Recommendation: ${title}`,
  recommendationStatus: (status) => `Status in the steering loop: ${status}`,
  liveState: (asOf) => `Live from the steering loop (as of ${asOf})`,
  frozenState: (asOf) => `Frozen with the minutes on ${asOf}`,
  recStatus: {
    draft: 'draft',
    agreed: 'agreed with the department',
    submitted: 'submitted to the body',
    adopted: 'adopted',
    adopted_amended: 'adopted with changes',
    rejected: 'rejected',
    deferred: 'deferred',
    in_progress: 'in progress',
    implemented: 'implemented',
    evaluated: 'evaluated',
  },
};

export const AGENDA_TEXTS = { de, en };

export function useAgendaTexts(): AgendaTexts {
  const { lang } = useI18n();
  return AGENDA_TEXTS[lang];
}
