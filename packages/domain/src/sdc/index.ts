export type { SdcCell, SdcOptions, SdcRelation, SdcResult } from './types';
export { buildRelations, cellId, gridCells } from './relations';
export type { SdcDimension, SdcGrid, SdcGridCell } from './relations';
export { DEFAULT_THRESHOLD, primarySuppression } from './primary';
export { secondarySuppression } from './secondary';
export { protectTable } from './protect';
export type { ProtectedCell, ProtectedTable, SuppressionKind } from './protect';
