/** Computed indicators: public API. */
export type {
  Cell,
  ComputedDefinition,
  ComputeResult,
  InputSelector,
  PeriodRule,
  SkippedAreas,
} from './types';
export { ComputeError, DefinitionError, FormulaError } from './errors';
export type { DefinitionIssue } from './errors';
export { formatEnglish, formatGerman, isDecimalString, roundHalfUp } from './decimal';
export {
  comparePeriods,
  convertPeriod,
  periodLabel,
  periodYear,
  resolveInputPeriod,
  resolveInputPeriodDetailed,
  samePeriod,
  shiftDate,
} from './periods';
export type { Lang, PeriodResolution } from './periods';
export { compileFormula, evaluateFormula } from './formula';
export type { CompiledFormula, Expr } from './formula';
export {
  NOTE_PRECEDENCE,
  SECRET_PRECEDENCE,
  operandFromCell,
  strongestNote,
  strongestSecret,
  sumOperands,
} from './flags';
export type { Operand, PropagatingNote, SecretFlag } from './flags';
export {
  checkPeriodRule,
  computedDefinitionSchema,
  definitionsFileSchema,
  inputSelectorSchema,
  parseDefinitionsFile,
  periodRuleSchema,
  validateDefinition,
} from './definitions';
export { computeIndicator, matchesSelector, prepareDefinition } from './evaluate';
export type { ComputeOptions } from './evaluate';
export { aggregateComputed, aggregateToParent, isAdditive } from './aggregate';
export type { AggregateOptions, AggregationRule, RatioRule } from './aggregate';
export { formatCell } from './format';
