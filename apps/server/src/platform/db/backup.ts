import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { PgliteTx } from './pglite.thread';
import type { PoolClient } from 'pg';
import type { Database } from './client';

/*
 * Logical backups (ADR 0004). Format 2: gzip'd text
 *   line 1          {"format":"dkbm-backup","version":2,…,"tables":[…]}     header
 *   per table       {"table":"observations","columns":["series_id",…]}     marker
 *                   rows in PostgreSQL's COPY text format, one line each
 *                   \.                                                      end of the table's rows
 *   last line       {"end":true,"counts":{…}}
 * Values are written and read by PostgreSQL itself (COPY) with fixed output settings, so `numeric` keeps
 * every digit and a PGlite backup restores into PostgreSQL and back. Format 1 (one row_to_json line per
 * row) is still restored.
 */

export const BACKUP_FORMAT = 'dkbm-backup';
export const BACKUP_VERSION = 2;
/** Backups of earlier releases: one `row_to_json` line per row. Still restored. */
const JSON_LINES_VERSION = 1;

/** Size of one piece moved at a time: a PGlite COPY, a format-1 INSERT. A larger row moves alone. */
const PIECE_BYTES = 8 * 1024 * 1024;
/** Longest header, marker or end line accepted. */
const MAX_CONTROL_LINE = 1024 * 1024;
/** Progress is reported at most this often while a table is moved (and once at its end). */
const PROGRESS_MS = 2000;

/** Output settings that make the text of every value the same on every server and restore it exactly. */
const PORTABLE_SETTINGS = [
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL extra_float_digits = 3`,
  `SET LOCAL bytea_output = 'hex'`,
].join('; ');

interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface TableInfo {
  name: string;
  columns: string[];
  identityColumns: string[];
}

export interface BackupProgress {
  table: string;
  rows: number;
  /** The table is complete. */
  done: boolean;
}

export interface BackupOptions {
  /** Called at the end of each table and every few seconds while a long one moves (awaited). */
  onProgress?: (p: BackupProgress) => void | Promise<void>;
}

export interface BackupSummary {
  tables: Record<string, number>;
  bytes: number;
}

export class RestoreError extends Error {}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const columnList = (t: TableInfo) => t.columns.map(q).join(', ');

/** Tables of the public schema in foreign-key order (parents first), with their columns. */
export async function listTables(database: Queryable): Promise<TableInfo[]> {
  const tables = await database.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const fks = await database.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint co
       JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class pl ON pl.oid = co.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE co.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pl.relname
      ORDER BY cl.relname, pl.relname`,
  );
  const ident = await database.query<{ table: string; col: string }>(
    `SELECT table_name AS "table", column_name AS col FROM information_schema.columns
      WHERE table_schema = 'public' AND is_identity = 'YES'`,
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
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
  for (const t of tables) visit(t.name, new Set());
  return ordered.map((name) => ({
    name,
    columns: byName.get(name)!.columns,
    identityColumns: ident.filter((i) => i.table === name).map((i) => i.col),
  }));
}

async function appliedMigrations(database: Queryable): Promise<string[]> {
  // Checked first: inside a transaction a failing query would abort it.
  const exists = await database.query<{ ok: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`,
  );
  if (!exists[0]?.ok) return [];
  const rows = await database.query<{ hash: string }>(
    'SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at, id',
  );
  return rows.map((r) => r.hash);
}

/* ------------------------------------------------------------------------------------------------
 * One connection inside one transaction, on PGlite or PostgreSQL
 * ------------------------------------------------------------------------------------------------ */

/** A stretch of COPY text: `endsLine` when it ends with a complete row; `rowsBefore` rows of the table precede it. */
interface Piece {
  data: Buffer;
  endsLine: boolean;
  rowsBefore: number;
}

interface Session extends Queryable {
  exec(text: string): Promise<void>;
  /** Every row of a table in COPY text format, in pieces of complete rows. */
  copyOut(t: TableInfo): AsyncIterable<Buffer>;
  /** Load COPY text into a table. A rejected row throws CopyRowError with its number in the table. */
  copyIn(t: TableInfo, pieces: AsyncIterable<Piece>): Promise<void>;
}

class CopyRowError extends Error {
  constructor(
    readonly row: number | null,
    readonly column: string | null,
    cause: unknown,
  ) {
    super(causeText(cause), { cause });
  }
}

/** The row (1-based within one COPY) and column a COPY error names in its context. */
function copyPosition(e: unknown, rowsBefore: number): CopyRowError {
  const where = String((e as { where?: unknown }).where ?? '');
  const m = /COPY [^,]+, line (\d+)(?:, column ([^:]+))?/.exec(where);
  return new CopyRowError(m ? rowsBefore + Number(m[1]) : null, m?.[2] ?? null, e);
}

/** One line, at most 300 characters, of an error's message and detail. */
function causeText(e: unknown): string {
  const err = e as { message?: unknown; detail?: unknown };
  const text = [err.message, err.detail].filter((x) => typeof x === 'string' && x).join(' – ');
  const line = text.replace(/\s+/g, ' ').trim() || String(e);
  return line.length > 300 ? `${line.slice(0, 300)} …` : line;
}

async function withSession<T>(
  database: Database,
  mode: 'snapshot' | 'write',
  fn: (s: Session) => Promise<T>,
): Promise<T> {
  if (database.driver === 'pglite') {
    return database.pglite!.transaction(async (tx) => {
      if (mode === 'snapshot') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await tx.exec(PORTABLE_SETTINGS);
      return fn(pgliteSession(tx));
    });
  }
  const client = await database.pool!.connect();
  let broken = false;
  try {
    await client.query(mode === 'snapshot' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY' : 'BEGIN');
    await client.query(PORTABLE_SETTINGS);
    const result = await fn(postgresSession(client));
    await client.query('COMMIT');
    return result;
  } catch (e) {
    // A connection whose COPY was cut off is closed rather than handed out again (that rolls back, too).
    broken = true;
    throw e;
  } finally {
    client.release(broken);
  }
}

function postgresSession(client: PoolClient): Session {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async exec(text) {
      await client.query(text);
    },
    async *copyOut(t) {
      // One COPY per table streams every row once; the reader's pace holds the server back.
      yield* client.query(copyTo(`COPY ${q(t.name)} (${columnList(t)}) TO STDOUT`)) as AsyncIterable<Buffer>;
    },
    async copyIn(t, pieces) {
      const sink = client.query(copyFrom(`COPY ${q(t.name)} (${columnList(t)}) FROM STDIN`));
      async function* data() {
        for await (const p of pieces) if (p.data.length) yield p.data;
      }
      try {
        await pipeline(Readable.from(data()), sink);
      } catch (e) {
        if (e instanceof RestoreError) throw e;
        throw copyPosition(e, 0);
      }
    },
  };
}

function pgliteSession(tx: PgliteTx): Session {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await tx.query<T>(text, params)).rows;
    },
    async exec(text) {
      await tx.exec(text);
    },
    async *copyOut(t) {
      // PGlite hands COPY output over as one blob: the table is read in ranges of heap pages (a TID range
      // scan each), sized so that a range yields about PIECE_BYTES.
      const r = await tx.query<{ n: number }>(
        `SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS n`,
        [q(t.name)],
      );
      const pages = r.rows[0]?.n ?? 0;
      let step = 16;
      for (let from = 0; from < pages;) {
        const to = Math.min(pages, from + step);
        const res = await tx.query(
          `COPY (SELECT ${columnList(t)} FROM ${q(t.name)} WHERE ctid >= '(${from},0)'::tid AND ctid < '(${to},0)'::tid) TO '/dev/blob'`,
        );
        const size = res.blob?.size ?? 0;
        if (size) yield Buffer.from(await res.blob!.arrayBuffer());
        from = to;
        if (size < PIECE_BYTES / 2) step = Math.min(step * 2, 1 << 20);
        else if (size > PIECE_BYTES * 2) step = Math.max(1, Math.floor(step / 2));
      }
    },
    async copyIn(t, pieces) {
      let parts: Buffer[] = [];
      let size = 0;
      let first = 0;
      const flush = async () => {
        if (!size) return;
        try {
          await tx.query(`COPY ${q(t.name)} (${columnList(t)}) FROM '/dev/blob'`, [], {
            blob: new Blob(parts as Uint8Array<ArrayBuffer>[]),
          });
        } catch (e) {
          throw copyPosition(e, first);
        }
        parts = [];
        size = 0;
      };
      for await (const p of pieces) {
        if (!p.data.length) continue;
        if (!parts.length) first = p.rowsBefore;
        parts.push(p.data);
        size += p.data.length;
        if (p.endsLine && size >= PIECE_BYTES) await flush();
      }
      await flush();
    },
  };
}

/* ------------------------------------------------------------------------------------------------
 * Backup
 * ------------------------------------------------------------------------------------------------ */

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Write a logical backup of every table from one snapshot (REPEATABLE READ, READ ONLY): each table is read
 * once by COPY and streamed through gzip into the file, so memory stays flat whatever the size. The file
 * is written under a temporary name with mode 0600 (it holds password and session hashes and the cookie
 * secret) and renamed when complete.
 */
export async function backupTo(
  database: Database,
  file: string,
  opts: BackupOptions = {},
): Promise<BackupSummary> {
  const tmp = `${file}.tmp-${process.pid}`;
  const counts: Record<string, number> = {};
  try {
    await withSession(database, 'snapshot', async (s) => {
      const tables = await listTables(s);
      const migrations = await appliedMigrations(s);
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
          yield JSON.stringify({ table: t.name, columns: t.columns }) + '\n';
          let n = 0;
          let reported = Date.now();
          for await (const chunk of s.copyOut(t)) {
            n += countLines(chunk);
            yield chunk;
            if (opts.onProgress && Date.now() - reported > PROGRESS_MS) {
              reported = Date.now();
              await opts.onProgress({ table: t.name, rows: n, done: false });
            }
          }
          yield '\\.\n';
          counts[t.name] = n;
          await opts.onProgress?.({ table: t.name, rows: n, done: true });
        }
        yield JSON.stringify({ end: true, counts }) + '\n';
      }
      await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(tmp, { mode: 0o600 }));
    });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { tables: counts, bytes: fs.statSync(file).size };
}

/* ------------------------------------------------------------------------------------------------
 * Restore
 * ------------------------------------------------------------------------------------------------ */

interface Header {
  format?: string;
  version?: number;
  migrations?: string[];
}

/** Reads the decompressed file: short control lines, and the COPY rows of one table as pieces. */
class BackupReader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;
  /** Number of the last line read (1-based), for messages. */
  lineNo = 0;
  /** Rows of the table being read so far. */
  rows = 0;

  constructor(input: AsyncIterable<Buffer>) {
    this.chunks = input[Symbol.asyncIterator]();
  }

  private async more(): Promise<boolean> {
    const r = await this.chunks.next();
    if (r.done) return false;
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    return true;
  }

  /** The next control line, or null at the end of the file. */
  async line(): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl >= 0) {
        const s = this.buf.toString('utf8', 0, nl);
        this.buf = this.buf.subarray(nl + 1);
        this.lineNo++;
        return s;
      }
      if (this.buf.length > MAX_CONTROL_LINE) {
        throw new Error(`Zeile ${this.lineNo + 1} ist keine Steuerzeile (länger als 1 MB)`);
      }
      if (!(await this.more())) {
        if (!this.buf.length) return null;
        const s = this.buf.toString('utf8');
        this.buf = Buffer.alloc(0);
        this.lineNo++;
        return s;
      }
    }
  }

  /** The rows of one table up to its `\.` line, in pieces as they arrive (a long row spans several). */
  async *rowsOfTable(): AsyncGenerator<Piece> {
    this.rows = 0;
    let atLineStart = true;
    for (;;) {
      const b = this.buf;
      const rowsBefore = this.rows;
      let pos = 0;
      let needMore = false;
      while (pos < b.length) {
        if (atLineStart) {
          if (b.length - pos < 3) {
            needMore = true; // a possible "\.\n" not yet complete
            break;
          }
          if (b[pos] === 0x5c && b[pos + 1] === 0x2e && b[pos + 2] === 0x0a) {
            if (pos) yield { data: b.subarray(0, pos), endsLine: true, rowsBefore };
            this.buf = b.subarray(pos + 3);
            this.lineNo++;
            return;
          }
        }
        const nl = b.indexOf(10, pos);
        if (nl < 0) {
          pos = b.length;
          atLineStart = false;
          break;
        }
        this.rows++;
        this.lineNo++;
        pos = nl + 1;
        atLineStart = true;
      }
      if (pos) yield { data: b.subarray(0, pos), endsLine: atLineStart, rowsBefore };
      this.buf = b.subarray(pos);
      if (!(await this.more())) {
        if (needMore && this.buf.toString('latin1') === '\\.') {
          this.buf = Buffer.alloc(0);
          this.lineNo++;
          return;
        }
        throw new RestoreError('unvollständig: die Datei endet mitten in den Zeilen einer Tabelle');
      }
    }
  }
}

/** Reads the first line of a gzip'd file. */
async function firstLine(file: string): Promise<string | undefined> {
  const rl = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  try {
    for await (const line of rl) return line;
    return undefined;
  } finally {
    rl.close();
  }
}

async function checkHeader(database: Queryable, file: string): Promise<Header> {
  let first: string | undefined;
  try {
    first = await firstLine(file);
  } catch (e) {
    throw new RestoreError(`${file}: nicht lesbar (${causeText(e)})`);
  }
  let header: Header | null = null;
  try {
    header = first ? (JSON.parse(first) as Header) : null;
  } catch {
    header = null;
  }
  if (
    header?.format !== BACKUP_FORMAT ||
    (header.version !== BACKUP_VERSION && header.version !== JSON_LINES_VERSION)
  ) {
    throw new RestoreError(`${file}: keine DKBM-Sicherung (Zeile 1)`);
  }
  const mine = await appliedMigrations(database);
  if (JSON.stringify(mine) !== JSON.stringify(header.migrations ?? [])) {
    throw new RestoreError(
      `${file}: Die Sicherung stammt von einem anderen Datenbankschema (${header.migrations?.length ?? 0} ` +
        `Migrationen, hier ${mine.length}). Bitte mit der passenden Programmversion wiederherstellen.`,
    );
  }
  return header;
}

interface Keys {
  constraints: Array<{ table: string; name: string; def: string; type: string }>;
  indexes: Array<{ table: string; name: string; def: string }>;
}

/**
 * Drop foreign keys, primary keys, unique constraints and indexes before loading, as pg_restore does:
 * building an index once and checking a foreign key with one join is much faster than doing both row by
 * row. They are created again, with the same names and definitions, before the transaction commits.
 */
async function dropKeys(s: Session): Promise<Keys> {
  const constraints = await s.query<Keys['constraints'][number]>(
    `SELECT r.relname AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype AS type
       FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
      WHERE r.relnamespace = 'public'::regnamespace AND c.contype IN ('f', 'p', 'u')
      ORDER BY c.contype = 'f' DESC, r.relname, c.conname`,
  );
  const indexes = await s.query<Keys['indexes'][number]>(
    `SELECT t.relname AS "table", ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY t.relname, ic.relname`,
  );
  for (const c of constraints) await s.exec(`ALTER TABLE ${q(c.table)} DROP CONSTRAINT ${q(c.name)}`);
  for (const i of indexes) await s.exec(`DROP INDEX public.${q(i.name)}`);
  return { constraints, indexes };
}

async function recreateKeys(s: Session, keys: Keys, file: string): Promise<void> {
  const run = async (table: string, name: string, sqlText: string) => {
    try {
      await s.exec(sqlText);
    } catch (e) {
      throw new RestoreError(`${file}: Tabelle ${table}, Schlüssel ${name}: ${causeText(e)}`);
    }
  };
  for (const i of keys.indexes) await run(i.table, i.name, i.def);
  // Primary keys and unique constraints first: the foreign keys refer to them.
  const ordered = keys.constraints.toSorted((a, b) => Number(a.type === 'f') - Number(b.type === 'f'));
  for (const c of ordered) {
    await run(c.table, c.name, `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} ${c.def}`);
  }
}

/**
 * Restore a backup into an empty, migrated database in one transaction: all rows or none. Rows move in
 * pieces of bounded size (a COPY stream on PostgreSQL, COPYs of about 8 MB on PGlite), so memory stays flat
 * however large the file; an error names the table, the row and the cause in one line.
 */
export async function restoreFrom(
  database: Database,
  file: string,
  opts: BackupOptions = {},
): Promise<BackupSummary> {
  if (!fs.existsSync(file)) throw new RestoreError(`Datei nicht gefunden: ${file}`);
  const tables = await listTables(database);
  for (const t of tables) {
    const r = await database.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q(t.name)}) AS any`);
    if (r[0]?.any) {
      const n = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(t.name)}`);
      throw new RestoreError(
        `Die Zieldatenbank ist nicht leer (Tabelle ${t.name} enthält ${n[0]?.n ?? 'einige'} Zeilen). ` +
          'Eine Wiederherstellung erfolgt nur in eine leere Datenbank.',
      );
    }
  }
  const header = await checkHeader(database, file);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const state: Position = { table: null, row: null, line: 0 };
  const load: Load = { input, byName, file, state, opts };
  try {
    const counts = await withSession(database, 'write', async (s) => {
      const keys = await dropKeys(s);
      const loaded =
        header.version === JSON_LINES_VERSION ? await loadJsonLines(s, load) : await loadCopyText(s, load);
      state.table = null;
      await recreateKeys(s, keys, file);
      for (const t of tables) {
        for (const col of t.identityColumns) {
          await s.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${q(col)}) FROM ${q(t.name)}), 1), (SELECT count(*) > 0 FROM ${q(t.name)}))`,
            [q(t.name), col],
          );
        }
      }
      return loaded;
    });
    return { tables: counts, bytes: fs.statSync(file).size };
  } catch (e) {
    if (e instanceof RestoreError) throw e;
    const where = state.table
      ? `Tabelle ${state.table}${state.row ? `, Datensatz ${state.row.toLocaleString('de-DE')}` : ''}` +
        `${e instanceof CopyRowError && e.column ? `, Spalte ${e.column}` : ''}`
      : `Zeile ${state.line}`;
    throw new RestoreError(`${file}: beschädigt oder abgeschnitten (${where}): ${causeText(e)}`);
  } finally {
    input.destroy();
  }
}

/** Where the restore is, for the message of an error. */
interface Position {
  table: string | null;
  row: number | null;
  line: number;
}

/** What the loaders of both formats work on. */
interface Load {
  input: AsyncIterable<Buffer>;
  byName: Map<string, TableInfo>;
  file: string;
  state: Position;
  opts: BackupOptions;
}

function tableOf(byName: Map<string, TableInfo>, name: unknown, file: string, line: number): TableInfo {
  const t = typeof name === 'string' ? byName.get(name) : undefined;
  if (!t) throw new RestoreError(`${file}: unbekannte Tabelle ${String(name)} (Zeile ${line})`);
  return t;
}

function checkEnd(file: string, line: number, endCounts: unknown, counts: Record<string, number>): void {
  if (JSON.stringify(endCounts) !== JSON.stringify(counts)) {
    throw new RestoreError(`${file}: Zeilenzahlen stimmen nicht mit dem Abschluss überein (Zeile ${line})`);
  }
}

async function loadCopyText(
  s: Session,
  { input, byName, file, state, opts }: Load,
): Promise<Record<string, number>> {
  const reader = new BackupReader(input);
  await reader.line(); // the header, checked before
  const counts: Record<string, number> = {};
  for (;;) {
    const line = await reader.line();
    state.line = reader.lineNo;
    if (line === null)
      throw new RestoreError(`${file}: unvollständig (Abschlusszeile fehlt, Zeile ${reader.lineNo})`);
    if (!line) continue;
    const control = JSON.parse(line) as {
      table?: unknown;
      columns?: unknown;
      end?: unknown;
      counts?: unknown;
    };
    if (control.end === true) {
      checkEnd(file, reader.lineNo, control.counts, counts);
      if ((await reader.line()) !== null) {
        throw new RestoreError(`${file}: Daten nach der Abschlusszeile (Zeile ${reader.lineNo})`);
      }
      return counts;
    }
    const t = tableOf(byName, control.table, file, reader.lineNo);
    if (JSON.stringify(control.columns) !== JSON.stringify(t.columns)) {
      throw new RestoreError(
        `${file}: Spalten der Tabelle ${t.name} passen nicht zum Datenbankschema (Zeile ${reader.lineNo})`,
      );
    }
    state.table = t.name;
    state.row = null;
    let reported = Date.now();
    const rows = reader.rowsOfTable();
    async function* tracked(): AsyncGenerator<Piece> {
      for await (const p of rows) {
        yield p;
        if (opts.onProgress && Date.now() - reported > PROGRESS_MS) {
          reported = Date.now();
          await opts.onProgress({ table: t.name, rows: reader.rows, done: false });
        }
      }
    }
    try {
      await s.copyIn(t, tracked());
    } catch (e) {
      if (e instanceof CopyRowError) state.row = e.row;
      throw e;
    }
    counts[t.name] = reader.rows;
    await opts.onProgress?.({ table: t.name, rows: reader.rows, done: true });
  }
}

/** Format 1: one row_to_json line per row, inserted in batches of about PIECE_BYTES. */
async function loadJsonLines(
  s: Session,
  { input, byName, file, state, opts }: Load,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let current: TableInfo | null = null;
  let batch: string[] = [];
  let size = 0;
  let ended = false;
  const flush = async () => {
    if (!current || batch.length === 0) return;
    state.row = counts[current.name]! - batch.length + 1;
    const overriding = current.identityColumns.length ? 'OVERRIDING SYSTEM VALUE' : '';
    await s.query(
      // The stored columns only: a generated column (directory_entries.search_vector) takes no value.
      `INSERT INTO ${q(current.name)} (${columnList(current)}) ${overriding} SELECT ${columnList(current)} FROM json_populate_recordset(NULL::${q(current.name)}, $1::json)`,
      [`[${batch.join(',')}]`],
    );
    batch = [];
    size = 0;
  };
  const rl = readline.createInterface({ input: Readable.from(input), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    state.line = lineNo;
    if (lineNo === 1 || !line) continue; // the header was checked before
    if (ended) throw new RestoreError(`${file}: Daten nach der Abschlusszeile (Zeile ${lineNo})`);
    if (line.startsWith('{"table":')) {
      await flush();
      if (current) await opts.onProgress?.({ table: current.name, rows: counts[current.name]!, done: true });
      current = tableOf(byName, (JSON.parse(line) as { table: unknown }).table, file, lineNo);
      state.table = current.name;
      counts[current.name] = 0;
      continue;
    }
    if (line.startsWith('{"end":')) {
      await flush();
      if (current) await opts.onProgress?.({ table: current.name, rows: counts[current.name]!, done: true });
      checkEnd(file, lineNo, (JSON.parse(line) as { counts: unknown }).counts, counts);
      state.table = null;
      ended = true;
      continue;
    }
    if (!current) throw new RestoreError(`${file}: Zeile ${lineNo} gehört zu keiner Tabelle`);
    batch.push(line);
    size += line.length;
    counts[current.name]! += 1;
    if (size >= PIECE_BYTES) await flush();
  }
  if (!ended) throw new RestoreError(`${file}: unvollständig (Abschlusszeile fehlt, Zeile ${lineNo})`);
  return counts;
}

/** Per-table content fingerprint (used by tests): row count and a hash over the sorted row hashes. */
export async function contentFingerprint(database: Queryable): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await listTables(database)) {
    const r = await database.query<{ h: string; n: number }>(
      `SELECT md5(coalesce(string_agg(x.h, '' ORDER BY x.h), '')) AS h, count(*)::int AS n
         FROM (SELECT md5(row_to_json(t)::text) AS h FROM ${q(t.name)} t) x`,
    );
    out[t.name] = `${r[0]!.n}:${r[0]!.h}`;
  }
  return out;
}
