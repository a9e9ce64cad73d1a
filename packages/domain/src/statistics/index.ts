/** Public API of the statistics importers (pure parsing, no database). */
export * from './types';
export { decodeText } from './encoding';
export type { InputFile, DecodedText } from './encoding';
export { parseDecimal, parseFlagCell, toDecimalString } from './values';
export type { CellContext, ParsedValue, ValueOptions } from './values';
export { parsePeriod, comparePeriods, periodId } from './periods';
export { slug, isTotalLabel } from './text';
export { keyLevel, normaliseKey, kreisKeyOfGemeinde } from './keys';
export { dimsKeyOf } from './dimsKey';
export { parseGenesisTable } from './genesisTable';
export { parseGenesisFlatFile } from './ffcsv';
export { inspectTable, parseTidyTable } from './tidy';
export { detectFormat, openDataset } from './detect';
export type { DetectedFormat } from './detect';
export { parseRegionList } from './regionList';
export type { RegionListEntry } from './regionList';
export { CellIndex } from './cellIndex';
export { IMPORT_LIMITS } from './limits';
export {
  checkValueSize,
  decimalsOf,
  isCountUnit,
  isRelativeUnit,
  MAX_FRACTION_DIGITS,
  MAX_INTEGER_DIGITS,
  normaliseUnit,
  scanDataset,
  writableCells,
} from './scan';
export type { DatasetScan, FileKey } from './scan';
