/**
 * The embedded PGlite database in a worker thread of its own (ADR 0017). PGlite runs PostgreSQL as
 * WebAssembly in the calling thread, so one long statement (an import's INSERT, a sort over a large
 * indicator) used to stop every request of the server, `/healthz` included, for its whole duration. The
 * `PgliteThread` offers the part of PGlite's interface the server uses (query, exec, transaction, close) and
 * forwards each call to `pglite.worker.ts`. Messages:
 *   → { id, op: 'query', tx?, text, params, rowMode?, rawTypes?, blob? }  ← { id, ok, result }
 *   → { id, op: 'exec', tx?, text }                                        ← { id, ok, results }
 *   → { id, op: 'begin' }                                                  ← { id, ok, tx }
 *   → { id, op: 'end', tx, commit }                                        ← { id, ok } (after COMMIT/ROLLBACK)
 *   → { id, op: 'close' }                                                  ← { id, ok }
 *   failures                                                               ← { id, ok: false, error }
 * Parsers given by the caller (drizzle keeps dates and timestamps as text) run here on the text the worker
 * leaves unparsed for their types; blobs (COPY … '/dev/blob') travel as bytes.
 */
import { Worker } from 'node:worker_threads';
import type { QueryOptions } from '@electric-sql/pglite';

export interface PgliteWorkerData {
  dir: string | undefined;
  postgresqlconf: string[];
}

export type PgliteRequest =
  | {
      id: number;
      op: 'query';
      tx?: number | undefined;
      text: string;
      params: unknown[];
      rowMode?: 'array' | 'object' | undefined;
      rawTypes?: number[] | undefined;
      blob?: Uint8Array | undefined;
    }
  | { id: number; op: 'exec'; tx?: number | undefined; text: string }
  | { id: number; op: 'begin'; tx?: undefined }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close'; tx?: undefined };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface Field {
  name: string;
  dataTypeID: number;
}

export interface WireResults {
  rows: unknown[];
  fields: Field[];
  affectedRows?: number | undefined;
  blob?: Uint8Array | undefined;
}

export interface Results<T> {
  rows: T[];
  fields: Field[];
  affectedRows?: number | undefined;
  blob?: Blob | undefined;
}

/** What the server needs of a PGlite transaction. */
export interface PgliteTx {
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<Results<T>>;
  exec(text: string): Promise<Results<Record<string, unknown>>[]>;
}

/** What the server needs of PGlite: the worker-backed client below offers exactly this. */
export interface PgliteClient extends PgliteTx {
  transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly closed: boolean;
}

/** A database error as plain data: message, SQLSTATE code, detail, where, constraint … survive the thread. */
export function serializeDbError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e) };
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  for (const [k, v] of Object.entries(e)) {
    if (v === undefined || typeof v === 'function') continue;
    if (typeof v === 'object' && v !== null && k !== 'cause') continue;
    out[k] = v;
  }
  return out;
}

function restoreError(data: Record<string, unknown>): Error {
  const e = new Error(String(data.message ?? 'PGlite-Fehler'));
  for (const [k, v] of Object.entries(data)) {
    if (k === 'message' || k === 'stack') continue;
    (e as unknown as Record<string, unknown>)[k] = v;
  }
  return e;
}

interface Reply {
  id: number;
  ok: boolean;
  error?: Record<string, unknown>;
  result?: WireResults;
  results?: WireResults[];
  tx?: number;
}

/**
 * Young generation of the worker: the rows of every result pass through it once (made by PGlite, then
 * cloned to the server's thread), and V8's default of 48 MB kept that much garbage between scavenges on
 * top of the server's own (issue 9). The old generation is not limited: the database must not fail.
 */
const WORKER_YOUNG_MB = 16;

/** How the worker is started: the built file next to this bundle, or the TypeScript source through tsx. */
function startWorker(data: PgliteWorkerData): Worker {
  const opts = { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
  if (import.meta.url.endsWith('.ts')) {
    const url = new URL('./pglite.worker.ts', import.meta.url).href;
    return new Worker(
      `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`,
      { ...opts, eval: true },
    );
  }
  return new Worker(new URL('./pgliteWorker.js', import.meta.url), opts);
}

export class PgliteThread implements PgliteClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ended: Error | null = null;
  private isClosed = false;
  readonly waitReady: Promise<void>;

  constructor(dir: string | undefined, postgresqlconf: string[]) {
    this.worker = startWorker({ dir, postgresqlconf });
    this.waitReady = new Promise<void>((resolve, reject) => {
      const onFirst = (m: { ready?: boolean; error?: Record<string, unknown> }) => {
        if (m.ready === undefined) return;
        this.worker.off('message', onFirst);
        if (m.ready) resolve();
        else reject(restoreError(m.error ?? {}));
      };
      this.worker.on('message', onFirst);
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`PGlite-Thread beendet (${code})`)));
    });
    this.worker.on('message', (m: Reply) => {
      if (typeof m.id !== 'number') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.idle();
      if (m.ok) p.resolve(m);
      else p.reject(restoreError(m.error ?? {}));
    });
    const fail = (e: Error) => {
      this.ended = e;
      this.isClosed = true;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`PGlite-Thread beendet (${code})`)));
    // An idle thread does not keep a finished CLI command alive; a waiting call (or the start) does.
    void this.waitReady.then(
      () => this.idle(),
      () => undefined,
    );
  }

  get closed(): boolean {
    return this.isClosed;
  }

  private idle(): void {
    if (this.pending.size === 0) this.worker.unref();
  }

  private call(req: WithoutId<PgliteRequest>, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }

  private async runQuery<T>(
    tx: number | undefined,
    text: string,
    params: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<Results<T>> {
    const parsers = options.parsers ?? {};
    const rawTypes = Object.keys(parsers).map(Number);
    let blob: Uint8Array | undefined;
    if (options.blob) blob = new Uint8Array(await options.blob.arrayBuffer());
    const reply = await this.call(
      { op: 'query', tx, text, params, rowMode: options.rowMode, rawTypes, blob },
      blob ? [blob.buffer as ArrayBuffer] : [],
    );
    const r = reply.result!;
    if (rawTypes.length) applyParsers(r, parsers, options.rowMode === 'array');
    return {
      rows: r.rows as T[],
      fields: r.fields,
      affectedRows: r.affectedRows,
      ...(r.blob ? { blob: new Blob([r.blob as Uint8Array<ArrayBuffer>]) } : {}),
    };
  }

  private async runExec(tx: number | undefined, text: string): Promise<Results<Record<string, unknown>>[]> {
    const reply = await this.call({ op: 'exec', tx, text });
    return (reply.results ?? []).map((r) => ({
      rows: r.rows as Record<string, unknown>[],
      fields: r.fields,
      affectedRows: r.affectedRows,
    }));
  }

  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<Results<T>> {
    return this.runQuery<T>(undefined, text, params, options);
  }

  exec(text: string): Promise<Results<Record<string, unknown>>[]> {
    return this.runExec(undefined, text);
  }

  async transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T> {
    const txId = (await this.call({ op: 'begin' })).tx!;
    const tx: PgliteTx = {
      query: (text, params, options) => this.runQuery(txId, text, params, options),
      exec: (text) => this.runExec(txId, text),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      await this.call({ op: 'end', tx: txId, commit: false }).catch(() => undefined);
      throw e;
    }
    await this.call({ op: 'end', tx: txId, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    try {
      await this.call({ op: 'close' });
    } finally {
      this.isClosed = true;
      this.ended ??= new Error('PGlite ist geschlossen / PGlite is closed');
      await this.worker.terminate();
    }
  }
}

/** Run the caller's parsers on the text the worker left unparsed for their types. */
function applyParsers(
  r: WireResults,
  parsers: NonNullable<QueryOptions['parsers']>,
  arrayMode: boolean,
): void {
  r.fields.forEach((f, i) => {
    const parse = parsers[f.dataTypeID];
    if (!parse) return;
    for (const row of r.rows) {
      if (arrayMode) {
        const a = row as unknown[];
        if (a[i] !== null) a[i] = (parse as (v: string, t: number) => unknown)(a[i] as string, f.dataTypeID);
      } else {
        const o = row as Record<string, unknown>;
        if (o[f.name] !== null)
          o[f.name] = (parse as (v: string, t: number) => unknown)(o[f.name] as string, f.dataTypeID);
      }
    }
  });
}

/** Open PGlite in its own thread and wait until it is ready. */
export async function openPgliteThread(
  dir: string | undefined,
  postgresqlconf: string[],
): Promise<PgliteThread> {
  const client = new PgliteThread(dir, postgresqlconf);
  await client.waitReady;
  return client;
}
