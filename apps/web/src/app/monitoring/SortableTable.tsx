import { useMemo, useState, type ReactNode } from 'react';
import { DataTable } from '../components/Table';
import { useTexts } from './texts';

export interface Column<R> {
  key: string;
  header: ReactNode;
  /** Plain text of the header (for the sort announcement). */
  headerText: string;
  num?: boolean;
  /** The cell is the row header (th scope="row"). */
  rowHeader?: boolean;
  render: (row: R) => ReactNode;
  /** Ascending comparison; columns without it are not sortable. */
  sort?: (a: R, b: R) => number;
}

export type SortState = { key: string; dir: 'asc' | 'desc' } | null;

/**
 * A data table whose column headers are sort buttons (aria-sort on the sorted column; the new order is
 * announced in a live region). Rows keep a stable order for equal keys.
 */
export function SortableTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort = null,
  rowClassName,
  foot,
  testId,
}: {
  caption: ReactNode;
  columns: ReadonlyArray<Column<R>>;
  rows: readonly R[];
  rowKey: (row: R) => string;
  initialSort?: SortState;
  rowClassName?: (row: R) => string | undefined;
  foot?: ReactNode;
  testId?: string;
}) {
  const tx = useTexts();
  const [sort, setSort] = useState<SortState>(initialSort);
  const [announce, setAnnounce] = useState('');

  const sorted = useMemo(() => {
    const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
    if (!col?.sort || !sort) return rows;
    const cmp = col.sort;
    const dir = sort.dir === 'asc' ? 1 : -1;
    return rows
      .map((r, i) => ({ r, i }))
      .toSorted((a, b) => dir * cmp(a.r, b.r) || a.i - b.i)
      .map((x) => x.r);
  }, [rows, columns, sort]);

  function toggle(col: Column<R>) {
    const dir: 'asc' | 'desc' = sort?.key === col.key && sort.dir === 'asc' ? 'desc' : 'asc';
    setSort({ key: col.key, dir });
    setAnnounce(`${col.headerText}: ${dir === 'asc' ? tx.sortedAsc : tx.sortedDesc}`);
  }

  return (
    <div data-testid={testId}>
      <DataTable
        caption={caption}
        head={
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.num ? 'num' : undefined}
                  aria-sort={active ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort-button" onClick={() => toggle(c)}>
                      {c.header}
                      <span className="sort-icon" aria-hidden="true">
                        {active ? (sort!.dir === 'asc' ? '▲' : '▼') : '⇅'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        }
        foot={foot}
      >
        {sorted.map((r) => (
          <tr key={rowKey(r)} className={rowClassName?.(r)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.key} scope="row" className={c.num ? 'num' : undefined}>
                  {c.render(r)}
                </th>
              ) : (
                <td key={c.key} className={c.num ? 'num' : undefined}>
                  {c.render(r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </DataTable>
      <p className="sr-only" role="status">
        {announce}
      </p>
    </div>
  );
}
