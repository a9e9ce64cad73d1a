/** Rechtsanspruch planen (`entitlement`: Ganztag and Kita): pure calculation cores. */
export {
  GANZTAG_FIRST_SCHOOL_YEAR,
  GANZTAG_FULL_SCHOOL_YEAR,
  PRIMARY_GRADES,
  entryYearOf,
  ganztagEntitledGrades,
  isGanztagEntitled,
  schoolYearLabel,
} from './phaseIn';
export type { Grade } from './phaseIn';
export {
  DEFAULT_SCHOOL_ENTRY_RULE,
  SCHOOL_ENTRY_CUTOFFS,
  birthIntervalOfAge,
  birthIntervalOfAgeRange,
  checkCutoff,
  cutoffDate,
  kitaCountDate,
  schoolEntryBirthInterval,
  schoolYearStart,
} from './stichtag';
export type { DateInterval, SchoolEntryRule } from './stichtag';
export { childrenBornIn, projectChildren } from './cohorts';
export type {
  ChildrenBasis,
  CohortCorrections,
  CohortOptions,
  GradeChildren,
  PupilCount,
  PlanningUnitPopulation,
  PlanningUnitChildren,
} from './cohorts';
export { CAPACITY_TYPES, CAPACITY_TYPE_LABELS, GANZTAG_TYPES, PlacesIndex, slipExpansion } from './supply';
export type { Capacity, CapacityType, Expansion } from './supply';
export {
  COVERAGE_STATUSES,
  COVERAGE_STATUS_LABELS,
  DEFAULT_COVERAGE_THRESHOLDS,
  assessCoverage,
  matchPlanningUnits,
  summariseCoverage,
} from './coverage';
export type {
  CoverageFigures,
  CoverageStatus,
  CoverageSummary,
  CoverageThresholds,
  PlanningUnitMatch,
} from './coverage';
export { expansionSlipImpact, planEntitlement } from './plan';
export type {
  EntitlementPlan,
  EntitlementPlanInput,
  EntitlementScenario,
  PlanRow,
  PlanScope,
  SlipChange,
} from './plan';
export { parsePupilCount, parsePupilsCsv, parseSchoolYear } from './pupilsCsv';
export type { PupilCsvResult, PupilCsvRow, PupilCsvUnit } from './pupilsCsv';
