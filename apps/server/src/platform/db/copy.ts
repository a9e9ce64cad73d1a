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
 * Bulk load CSV text into a table with COPY, on PGlite (blob device, one COPY per chunk) and on
 * PostgreSQL (one COPY stream via pg-copy-streams: the server stores a chunk while the next one is made).
 * Each chunk holds complete CSV records, each ending with a newline. Runs outside any drizzle
 * transaction (staging tables only); an error thrown while making the chunks aborts the COPY.
 */
export async function copyChunks(
  database: Database,
  table: string,
  columns: string[],
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  if (database.driver === 'pglite') {
    for await (const body of chunks) {
      await database.pglite!.query(`COPY ${table} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([body]),
      });
    }
    return;
  }
  const client = await database.pool!.connect();
  let failed = false;
  try {
    const stream = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN WITH (FORMAT csv)`));
    await pipeline(Readable.from(chunks), stream);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    // A connection whose COPY was aborted is closed rather than handed out again.
    client.release(failed);
  }
}

/** `copyChunks` for one array of CSV records (without trailing newlines). */
export async function copyRows(
  database: Database,
  table: string,
  columns: string[],
  lines: string[],
): Promise<void> {
  if (lines.length === 0) return;
  await copyChunks(database, table, columns, [lines.join('\n') + '\n']);
}
