/** Steering („Ziele & Steuerung“): pure calculation cores. */
export {
  DEFAULT_PROGRESS_THRESHOLDS,
  PROGRESS_STATUSES,
  PROGRESS_STATUS_LABELS,
  ProgressInputError,
  aggregateProgress,
  checkProgressTarget,
  computeProgress,
  directionFromPolarity,
  progressRank,
  progressScore,
} from './progress';
export type {
  InsufficientReason,
  ProgressCaveat,
  ProgressDirection,
  ProgressObservation,
  ProgressOptions,
  ProgressPoint,
  ProgressResult,
  ProgressStatus,
  ProgressTarget,
  ProgressThresholds,
} from './progress';
