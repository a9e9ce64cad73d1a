import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';

export const BACKUP_FORMAT = 'dkbm-backup';
export const BACKUP_VERSION = 1;
const BATCH = 2000;

interface TableInfo {
  name: string;
  orderBy: string;
  identityColumns: string[];
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/** Tables of the public schema in foreign-key order (parents first), with their key columns. */
export async function listTables(database: Database): Promise<TableInfo[]> {
  const tables = await database.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const fks = await database.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint co
       JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class pl ON pl.oid = co.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE co.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pl.relname`,
  );
  const pk = await database.query<{ table: string; cols: string }>(
    `SELECT cl.relname AS "table", string_agg(quote_ident(a.attname), ',' ORDER BY array_position(co.conkey, a.attnum)) AS cols
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
       JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = ANY (co.conkey)
      WHERE co.contype = 'p' AND n.nspname = 'public' GROUP BY cl.relname`,
  );
  const ident = await database.query<{ table: string; col: string }>(
    `SELECT table_name AS "table", column_name AS col FROM information_schema.columns
      WHERE table_schema = 'public' AND is_identity = 'YES'`,
  );
  const names = tables.map((t) => t.name);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const f of fks) parents.get(f.child)?.add(f.parent);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, stack: Set<string>) => {
    if (seen.has(n)) return;
    if (stack.has(n)) throw new Error(`Zyklische Fremdschlüssel bei Tabelle ${n}`);
    stack.add(n);
    for (const p of parents.get(n) ?? []) visit(p, stack);
    stack.delete(n);
    seen.add(n);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  const pkOf = new Map(pk.map((p) => [p.table, p.cols]));
  return ordered.map((name) => ({
    name,
    orderBy: pkOf.get(name) ?? 'ctid',
    identityColumns: ident.filter((i) => i.table === name).map((i) => i.col),
  }));
}

async function appliedMigrations(database: Database): Promise<string[]> {
  try {
    const rows = await database.query<{ hash: string }>(
      'SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at, id',
    );
    return rows.map((r) => r.hash);
  } catch {
    return [];
  }
}

export interface BackupSummary {
  tables: Record<string, number>;
  bytes: number;
}

/**
 * Write a logical backup: gzip'd NDJSON, one header line, then per table a marker line and one line per
 * row as produced by PostgreSQL's row_to_json. Rows are never parsed in JavaScript, so numeric values
 * keep every digit. Works the same on PGlite and PostgreSQL, and a PGlite backup restores into
 * PostgreSQL (and back).
 */
export async function backupTo(database: Database, file: string): Promise<BackupSummary> {
  const tables = await listTables(database);
  const migrations = await appliedMigrations(database);
  const counts: Record<string, number> = {};
  async function* lines() {
    yield (
      JSON.stringify({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        driver: database.driver,
        migrations,
        tables: tables.map((t) => t.name),
      }) + '\n'
    );
    for (const t of tables) {
      yield JSON.stringify({ table: t.name }) + '\n';
      let n = 0;
      for (let offset = 0; ; offset += BATCH) {
        const rows = await database.query<{ j: string }>(
          `SELECT row_to_json(t)::text AS j FROM ${q(t.name)} t ORDER BY ${t.orderBy} LIMIT ${BATCH} OFFSET ${offset}`,
        );
        for (const r of rows) yield r.j + '\n';
        n += rows.length;
        if (rows.length < BATCH) break;
      }
      counts[t.name] = n;
    }
    yield JSON.stringify({ end: true, counts }) + '\n';
  }
  const tmp = `${file}.tmp-${process.pid}`;
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(tmp));
  fs.renameSync(tmp, file);
  return { tables: counts, bytes: fs.statSync(file).size };
}

export class RestoreError extends Error {}

/**
 * Restore a backup into an empty, migrated database in one transaction: all rows or none.
 */
export async function restoreFrom(database: Database, file: string): Promise<BackupSummary> {
  if (!fs.existsSync(file)) throw new RestoreError(`Datei nicht gefunden: ${file}`);
  const tables = await listTables(database);
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of tables) {
    const r = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(t.name)}`);
    if ((r[0]?.n ?? 0) > 0) {
      throw new RestoreError(
        `Die Zieldatenbank ist nicht leer (Tabelle ${t.name} enthält ${r[0]!.n} Zeilen). ` +
          'Eine Wiederherstellung erfolgt nur in eine leere Datenbank.',
      );
    }
  }
  await checkHeader(database, file);
  const counts: Record<string, number> = {};
  let lineNo = 0;
  // One transaction, streaming: a damaged or truncated file rolls everything back.
  await database.db.transaction(async (tx) => {
    const run = (text: string, params: unknown[] = []) =>
      (tx as unknown as { execute: (s: unknown) => Promise<unknown> }).execute(rawSql(text, params));
    const flush = async (t: TableInfo | null, batch: string[]) => {
      if (!t || batch.length === 0) return;
      const overriding = t.identityColumns.length ? 'OVERRIDING SYSTEM VALUE' : '';
      await run(
        `INSERT INTO ${q(t.name)} ${overriding} SELECT * FROM json_populate_recordset(NULL::${q(t.name)}, $1::json)`,
        [`[${batch.join(',')}]`],
      );
    };
    const input = fs.createReadStream(file).pipe(zlib.createGunzip());
    const rl = readline.createInterface({ input, crlfDelay: Infinity });
    let header: { format?: string; version?: number; migrations?: string[] } | null = null;
    let current: TableInfo | null = null;
    let batch: string[] = [];
    let ended = false;
    try {
      for await (const line of rl) {
        lineNo++;
        if (!line) continue;
        if (ended) throw new RestoreError(`${file}: Daten nach der Abschlusszeile (Zeile ${lineNo})`);
        if (!header) {
          header = JSON.parse(line);
          continue; // validated before the transaction
        }
        if (line.startsWith('{"table":')) {
          await flush(current, batch);
          batch = [];
          const name = (JSON.parse(line) as { table: string }).table;
          current = byName.get(name) ?? null;
          if (!current) throw new RestoreError(`${file}: unbekannte Tabelle ${name} (Zeile ${lineNo})`);
          counts[name] = 0;
          continue;
        }
        if (line.startsWith('{"end":')) {
          await flush(current, batch);
          batch = [];
          const end = JSON.parse(line) as { counts: Record<string, number> };
          if (JSON.stringify(end.counts) !== JSON.stringify(counts)) {
            throw new RestoreError(
              `${file}: Zeilenzahlen stimmen nicht mit dem Abschluss überein (Zeile ${lineNo})`,
            );
          }
          ended = true;
          continue;
        }
        if (!current) throw new RestoreError(`${file}: Zeile ${lineNo} gehört zu keiner Tabelle`);
        batch.push(line);
        counts[current.name] = (counts[current.name] ?? 0) + 1;
        if (batch.length >= BATCH) {
          await flush(current, batch);
          batch = [];
        }
      }
    } catch (e) {
      if (e instanceof RestoreError) throw e;
      throw new RestoreError(
        `${file}: beschädigt oder abgeschnitten bei Zeile ${lineNo}: ${(e as Error).message}`,
      );
    }
    if (!header) throw new RestoreError(`${file}: leer`);
    if (!ended) throw new RestoreError(`${file}: unvollständig (Abschlusszeile fehlt, Zeile ${lineNo})`);
    for (const t of tables) {
      for (const col of t.identityColumns) {
        await run(
          `SELECT setval(pg_get_serial_sequence('${t.name}', '${col}'), GREATEST((SELECT max(${q(col)}) FROM ${q(t.name)}), 1), (SELECT count(*) > 0 FROM ${q(t.name)}))`,
        );
      }
    }
  });
  return { tables: counts, bytes: fs.statSync(file).size };
}

async function checkHeader(database: Database, file: string): Promise<void> {
  const rl = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  let first: string | undefined;
  try {
    for await (const line of rl) {
      first = line;
      break;
    }
  } catch (e) {
    throw new RestoreError(`${file}: nicht lesbar (${(e as Error).message})`);
  } finally {
    rl.close();
  }
  let header: { format?: string; version?: number; migrations?: string[] } | null = null;
  try {
    header = first ? JSON.parse(first) : null;
  } catch {
    header = null;
  }
  if (header?.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION) {
    throw new RestoreError(`${file}: keine DKBM-Sicherung (Zeile 1)`);
  }
  const mine = await appliedMigrations(database);
  if (JSON.stringify(mine) !== JSON.stringify(header.migrations ?? [])) {
    throw new RestoreError(
      `${file}: Die Sicherung stammt von einem anderen Datenbankschema (${header.migrations?.length ?? 0} ` +
        `Migrationen, hier ${mine.length}). Bitte mit der passenden Programmversion wiederherstellen.`,
    );
  }
}

function rawSql(text: string, params: unknown[]): SQL {
  // Splits "$1" placeholders into drizzle params.
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i]!));
    else chunks.push(sql`${params[Number(parts[i]) - 1]}`);
  }
  return sql.join(chunks, sql.raw(''));
}

/** Per-table content fingerprint (used by tests and `dkbm doctor`). */
export async function contentFingerprint(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await listTables(database)) {
    const r = await database.query<{ h: string; n: number }>(
      `SELECT md5(coalesce(string_agg(x.j, E'\\n' ORDER BY x.j), '')) AS h, count(*)::int AS n
         FROM (SELECT row_to_json(t)::text AS j FROM ${q(t.name)} t) x`,
    );
    out[t.name] = `${r[0]!.n}:${r[0]!.h}`;
  }
  return out;
}
