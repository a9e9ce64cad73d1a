import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './client';

/** Quote one field for PostgreSQL CSV COPY (NULL is the unquoted empty string). */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Bulk load CSV lines into a table with COPY, on PGlite (blob device) and on PostgreSQL
 * (pg-copy-streams). `lines` are complete CSV records without trailing newline. Runs outside any
 * drizzle transaction (staging tables only).
 */
export async function copyRows(
  database: Database,
  table: string,
  columns: string[],
  lines: string[],
): Promise<void> {
  if (lines.length === 0) return;
  const body = lines.join('\n') + '\n';
  const cols = columns.map((c) => `"${c}"`).join(', ');
  if (database.driver === 'pglite') {
    await database.pglite!.query(`COPY ${table} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([body]),
    });
    return;
  }
  const client = await database.pool!.connect();
  try {
    const stream = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN WITH (FORMAT csv)`));
    await pipeline(Readable.from([body]), stream);
  } finally {
    client.release();
  }
}
