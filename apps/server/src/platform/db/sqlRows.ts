import type { SQL } from 'drizzle-orm';
import type { Tx } from './client';

/** Run raw SQL on a drizzle handle or transaction and return its rows (PGlite and node-postgres alike). */
export async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const r = (await tx.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}

/** Number of rows a raw statement touched. */
export async function affected(tx: Tx, query: SQL): Promise<number> {
  const r = (await tx.execute(query)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
