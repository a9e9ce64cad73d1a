import type { DecisionOutcome, MeasureStatus, RecommendationStatus } from '@dkbm/contract';
import { FIELD_LABELS, RECOMMENDATION_STATUS_LABELS } from '@dkbm/contract';

/* German labels of the steering loop's states, for documents and the history („Verlauf“). */

export const REC_STATUS_DE: Record<RecommendationStatus, string> = RECOMMENDATION_STATUS_LABELS;
export const OUTCOME_DE: Record<DecisionOutcome, string> = {
  adopted: 'beschlossen',
  adopted_amended: 'geändert beschlossen',
  rejected: 'abgelehnt',
  deferred: 'zurückgestellt',
};
export const MEASURE_STATUS_DE: Record<MeasureStatus, string> = {
  planned: 'geplant',
  in_progress: 'läuft',
  completed: 'abgeschlossen',
  paused: 'pausiert',
  cancelled: 'abgebrochen',
};
export const PRIORITY_DE: Record<string, string> = { high: 'hoch', medium: 'mittel', low: 'niedrig' };

/** The changed fields of a request as German labels, for a history entry. */
export const changedFields = (keys: readonly string[]) => keys.map((k) => FIELD_LABELS[k] ?? k).join(', ');
