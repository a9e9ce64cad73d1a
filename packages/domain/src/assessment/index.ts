export { DEFAULT_INSTRUMENT, DEFAULT_INSTRUMENT_FAMILY } from './defaultInstrument';
export {
  ANONYMITY_MIN_RATERS,
  DISAGREEMENT_SPREAD,
  componentStats,
  medianOf,
  nextLevel,
  type Rating,
} from './stats';
