/**
 * Worker thread that owns the embedded PGlite database (entry `pgliteWorker.js` of the build, ADR 0017).
 * PGlite runs PostgreSQL as WebAssembly in the thread that calls it: a statement over a large table would
 * stop every other request of the server for its whole duration. Here it stops only this thread; the
 * server's thread sends statements and receives results (`pglite.thread.ts` describes the messages).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Results, type Transaction } from '@electric-sql/pglite';
import {
  serializeDbError,
  type PgliteRequest,
  type PgliteWorkerData,
  type WireResults,
} from './pglite.thread';

const port = parentPort!;
const { dir, postgresqlconf } = workerData as PgliteWorkerData;

interface OpenTx {
  tx: Transaction;
  end: (commit: boolean) => void;
}
const transactions = new Map<number, OpenTx>();
let nextTx = 1;

const keepText = (v: string) => v;

async function wire(r: Results<unknown>): Promise<{ result: WireResults; transfer: ArrayBuffer[] }> {
  const result: WireResults = { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
  if (!r.blob) return { result, transfer: [] };
  const bytes = new Uint8Array(await r.blob.arrayBuffer());
  result.blob = bytes;
  return { result, transfer: [bytes.buffer as ArrayBuffer] };
}

async function main(): Promise<void> {
  const pg = new PGlite(dir, { postgresqlconf });
  await pg.waitReady;
  /** Request ids waiting for the end of a transaction (its COMMIT may still fail). */
  const ending = new Map<number, number>();

  async function handle(m: PgliteRequest): Promise<void> {
    try {
      const target = m.tx ? transactions.get(m.tx)?.tx : pg;
      if (m.op === 'query') {
        if (!target) throw new Error(`transaction ${m.tx} is not open`);
        const parsers = Object.fromEntries((m.rawTypes ?? []).map((t) => [t, keepText]));
        const r = await target.query(m.text, m.params, {
          ...(m.rowMode ? { rowMode: m.rowMode } : {}),
          ...(m.rawTypes?.length ? { parsers } : {}),
          ...(m.blob ? { blob: new Blob([m.blob as Uint8Array<ArrayBuffer>]) } : {}),
        });
        const { result, transfer } = await wire(r);
        port.postMessage({ id: m.id, ok: true, result }, transfer);
      } else if (m.op === 'exec') {
        if (!target) throw new Error(`transaction ${m.tx} is not open`);
        const rs = await target.exec(m.text);
        const results = rs.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
        port.postMessage({ id: m.id, ok: true, results });
      } else if (m.op === 'begin') {
        const txId = nextTx++;
        // The transaction lasts until the server's thread sends `end`; PGlite holds every other statement
        // back meanwhile, as it does in one thread.
        const done = pg.transaction(
          (tx) =>
            new Promise<void>((resolve, reject) => {
              transactions.set(txId, {
                tx,
                end: (commit) => (commit ? resolve() : reject(new RollbackRequested())),
              });
              port.postMessage({ id: m.id, ok: true, tx: txId });
            }),
        );
        done.then(
          () => settle(txId, null),
          (e: unknown) => settle(txId, e instanceof RollbackRequested ? null : e),
        );
      } else if (m.op === 'end') {
        const open = transactions.get(m.tx);
        if (!open) throw new Error(`transaction ${m.tx} is not open`);
        ending.set(m.tx, m.id);
        open.end(m.commit);
      } else if (m.op === 'close') {
        if (!pg.closed) await pg.close();
        port.postMessage({ id: m.id, ok: true });
      }
    } catch (e) {
      port.postMessage({ id: m.id, ok: false, error: serializeDbError(e) });
    }
  }

  function settle(txId: number, error: unknown): void {
    transactions.delete(txId);
    const id = ending.get(txId);
    ending.delete(txId);
    if (id === undefined) return;
    port.postMessage(error ? { id, ok: false, error: serializeDbError(error) } : { id, ok: true });
  }

  port.on('message', (m: PgliteRequest) => void handle(m));
  port.postMessage({ ready: true });
}

class RollbackRequested extends Error {}

main().catch((e: unknown) => port.postMessage({ ready: false, error: serializeDbError(e) }));
