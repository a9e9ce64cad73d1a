export * from './demo/index';
export * from './compute/index';
export * from './catalogue/index';
export * from './sdc/index';
export * from './assessment/index';
export * from './steering/index';
export * from './entitlement/index';
export {
  bboxOf,
  centroidOf,
  keyText,
  mergeByKey,
  readBoundaries,
  readPoints,
  simplify,
  suggestKeyProperty,
  suggestNameProperty,
  normalizeWinding,
  type BBox,
  type BoundaryDataset,
  type BoundaryFeature,
  type BoundaryFormat,
  type CrsDetection,
  type PolygonGeometry,
  type ReadBoundariesOptions,
  type SupportedCrs,
} from './geo/index';
export {
  FLAG_MEANINGS,
  ImportFileError,
  NOTE_FLAGS,
  VALUE_FLAGS,
  decodeText,
  detectFormat,
  inspectTable,
  isTotalLabel,
  keyLevel,
  kreisKeyOfGemeinde,
  normaliseKey,
  openDataset,
  parseGenesisFlatFile,
  parseGenesisTable,
  parseRegionList,
  parseTidyTable,
  slug,
  type DataRow,
  type Dataset,
  type DatasetMeta,
  type DetectedFormat,
  type DimensionDef,
  type Flag,
  type InputFile,
  type KeyLevel,
  type MeasureDef,
  type NoteFlag,
  type Period,
  type PeriodType,
  type SourceFormat,
  type TableInspection,
  type TidyMapping,
  type ValueFlag,
} from './statistics/index';
export * from './text/index';
