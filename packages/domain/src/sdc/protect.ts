/** Convenience: grid → relations → primary and secondary suppression → publishable cells. */
import { primarySuppression } from './primary';
import { gridCells, relationsOf, type SdcGrid } from './relations';
import { secondarySuppression } from './secondary';
import type { SdcOptions, SdcRelation, SdcResult } from './types';

export type SuppressionKind = 'primary' | 'secondary';

export interface ProtectedCell {
  id: string;
  areaId: string;
  dims: Readonly<Record<string, string>>;
  /** Publishable value: null when withheld or already flagged by the source. */
  value: string | null;
  /** Why the value is withheld (internal only; public views say just "withheld"). */
  suppressed: SuppressionKind | null;
}

export interface ProtectedTable {
  cells: ProtectedCell[];
  relations: SdcRelation[];
  result: SdcResult;
}

export async function protectTable(
  args: SdcGrid & { options?: Partial<SdcOptions> },
): Promise<ProtectedTable> {
  const options = args.options ?? {};
  const cells = gridCells(args);
  const relations = relationsOf(args, cells);
  const primary = primarySuppression(cells, options);
  const result = await secondarySuppression(cells, relations, primary, options);
  return {
    cells: cells.map((cell, i) => {
      const src = args.cells[i]!;
      const suppressed: SuppressionKind | null = result.primary.has(cell.id)
        ? 'primary'
        : result.secondary.has(cell.id)
          ? 'secondary'
          : null;
      return {
        id: cell.id,
        areaId: src.areaId,
        dims: src.dims,
        value: suppressed ? null : cell.value,
        suppressed,
      };
    }),
    relations,
    result,
  };
}
