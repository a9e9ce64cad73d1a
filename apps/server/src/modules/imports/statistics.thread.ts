/**
 * The main thread's side of reading a statistics file: one worker thread per import (ADR 5). Parsing,
 * scanning and making the staged cells run there, so that a large file never blocks the event loop that
 * answers everyone's requests; when the import ends the worker ends, and its memory goes with it. A
 * worker whose heap outgrows `WORKER_HEAP_MB` is stopped by Node (the server keeps running) and the import
 * fails with a German message. Small files are read in this thread (starting a worker costs more).
 */
import { Worker } from 'node:worker_threads';
import { ImportFileError, type InputFile, type TableInspection } from '@dkbm/domain';
import {
  inspectStatistics,
  openStatistics,
  readResultOf,
  stagingChunks,
  type ReadResult,
  type StageInput,
  type StageResult,
} from './statistics.reader';
import type { Dataset } from '@dkbm/domain';

/** Files from this size on are read in a worker thread (env `DKBM_IMPORT_WORKER_MIN_BYTES`, 0 = always). */
const MIN_BYTES = Number(process.env.DKBM_IMPORT_WORKER_MIN_BYTES ?? 256 * 1024);
/** Largest heap of a worker: a file that needs more fails alone instead of taking the server down. */
const WORKER_HEAP_MAX_MB = 1536;

/**
 * The heap a worker gets for a file of `bytes`: about four times the file (its text, the cell index and
 * the maps of keys and series need about twice), at least 192 MB, at most WORKER_HEAP_MAX_MB. V8 lets a
 * heap grow towards its limit before it collects: with 1.5 GB for every file, reading the 48 MB CSV of
 * the benchmark took 290 MB more than it needed (+90 MB with a limit of 96 MB), ADR 0005.
 */
export function workerHeapMb(bytes: number, zipped = false): number {
  // An Excel workbook is compressed XML that exceljs holds unpacked: give it far more.
  const perByte = zipped ? 32 : 4;
  return Math.min(WORKER_HEAP_MAX_MB, Math.max(192, Math.ceil((perByte * bytes) / 1024 / 1024)));
}

/** A ZIP container (XLSX). */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** Young generation of a worker (V8's default of 48 MB is garbage kept between scavenges). */
const WORKER_YOUNG_MB = 16;

export type WorkerRequest =
  | { op: 'read'; name: string; bytes: Uint8Array; mapping: unknown; cellCheck: boolean }
  | { op: 'inspect'; name: string; bytes: Uint8Array; opts: { sheet?: string; headerRow?: number } }
  | { op: 'stage'; input: StageInput }
  | { op: 'next' };

type WorkerReply =
  | { op: 'read'; result: ReadResult }
  | { op: 'inspect'; result: TableInspection }
  | { op: 'chunk'; text: string }
  | { op: 'staged'; result: StageResult }
  | { op: 'error'; error: SerializedError };

interface SerializedError {
  name: string;
  message: string;
  importFile?: {
    code: string;
    file: string;
    line?: number;
    column?: number;
    field?: string;
    messageEn: string;
  };
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof ImportFileError) {
    return {
      name: e.name,
      message: e.message,
      importFile: {
        code: e.code,
        file: e.file,
        ...(e.line !== undefined ? { line: e.line } : {}),
        ...(e.column !== undefined ? { column: e.column } : {}),
        ...(e.field !== undefined ? { field: e.field } : {}),
        messageEn: e.messageEn,
      },
    };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message };
}

/** The error as thrown in the worker: an `ImportFileError` with its place, or an error of the same class. */
function deserializeError(s: SerializedError): Error {
  if (s.importFile) {
    const f = s.importFile;
    const e = new ImportFileError({
      code: f.code,
      file: f.file,
      ...(f.line !== undefined ? { line: f.line } : {}),
      ...(f.column !== undefined ? { column: f.column } : {}),
      ...(f.field !== undefined ? { field: f.field } : {}),
      de: '',
      en: f.messageEn,
    });
    e.message = s.message;
    return e;
  }
  const Ctor = s.name === 'RangeError' ? RangeError : s.name === 'TypeError' ? TypeError : Error;
  const e = new Ctor(s.message);
  if (Ctor === Error && s.name) e.name = s.name;
  return e;
}

function tooLargeForMemory(fileName: string): ImportFileError {
  return new ImportFileError({
    code: 'too_large_for_memory',
    file: fileName,
    de: 'Die Datei braucht zum Lesen mehr Arbeitsspeicher, als einem Import zusteht. Bitte teilen Sie sie auf. Es wurde nichts geändert.',
    en: 'Reading the file needs more memory than an import may use.',
  });
}

/** How the worker is started: the built file next to this bundle, or the TypeScript source through tsx. */
function startWorker(bytes: Uint8Array): Worker {
  const opts = {
    resourceLimits: {
      maxOldGenerationSizeMb: workerHeapMb(bytes.byteLength, isZip(bytes)),
      maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
    },
  };
  if (import.meta.url.endsWith('.ts')) {
    // Tests and benchmarks run the sources.
    const url = new URL('./statistics.worker.ts', import.meta.url).href;
    return new Worker(
      `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`,
      { ...opts, eval: true },
    );
  }
  return new Worker(new URL('./statisticsWorker.js', import.meta.url), opts);
}

/** Bytes to hand to the worker: moved when they own their buffer, else copied. */
function transferable(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  ) {
    return { bytes, transfer: [bytes.buffer] };
  }
  const copy = bytes.slice();
  return { bytes: copy, transfer: [copy.buffer] };
}

/**
 * One statistics file being read: `read` (parse, clean, scan), then optionally `stage` (the COPY text of
 * the staged cells, made chunk by chunk as the caller consumes it); `close` at the end, always.
 */
export class StatisticsReader {
  private worker: Worker | null = null;
  private dataset: Dataset | null = null;
  private fileName = '';
  private failure: Error | null = null;
  private readonly inbox: WorkerReply[] = [];
  private wake: (() => void) | null = null;

  /** `minBytes`: files from this size on go to a worker thread (default `DKBM_IMPORT_WORKER_MIN_BYTES`). */
  constructor(private readonly opts: { minBytes?: number } = {}) {}

  private useWorker(bytes: Uint8Array): boolean {
    return bytes.byteLength >= (this.opts.minBytes ?? MIN_BYTES);
  }

  /** The worker thread (one per reader), sized for its file. */
  get thread(): Worker | null {
    return this.worker;
  }

  private ensureWorker(bytes: Uint8Array): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(bytes);
    w.on('message', (m: WorkerReply) => this.deliver(m));
    w.on('error', (e: Error & { code?: string }) => {
      this.failure = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLargeForMemory(this.fileName) : e;
      this.wake?.();
    });
    w.on('exit', () => {
      this.failure ??= new Error('Der Import-Thread wurde beendet.');
      this.wake?.();
    });
    this.worker = w;
    return w;
  }

  private deliver(m: WorkerReply): void {
    this.inbox.push(m);
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async receive(): Promise<WorkerReply> {
    for (;;) {
      const m = this.inbox.shift();
      if (m) {
        if (m.op === 'error') throw deserializeError(m.error);
        return m;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /**
   * Parse, clean and scan the file. `cellCheck: false` when the caller stages the cells (`stage`), which
   * refuses a cell that occurs twice anyway: the search of the parse is then left out (its memory too).
   */
  async read(file: InputFile, mapping: unknown, cellCheck = true): Promise<ReadResult> {
    this.fileName = file.name;
    if (!this.useWorker(file.bytes)) {
      this.dataset = await openStatistics(file, mapping as never, cellCheck);
      return readResultOf(this.dataset, file.name);
    }
    const w = this.ensureWorker(file.bytes);
    const { bytes, transfer } = transferable(file.bytes);
    const req: WorkerRequest = { op: 'read', name: file.name, bytes, mapping, cellCheck };
    w.postMessage(req, transfer);
    const m = await this.receive();
    if (m.op !== 'read') throw new Error(`unexpected ${m.op}`);
    return m.result;
  }

  async inspect(file: InputFile, opts: { sheet?: string; headerRow?: number }): Promise<TableInspection> {
    this.fileName = file.name;
    if (!this.useWorker(file.bytes)) return inspectStatistics(file, opts);
    const w = this.ensureWorker(file.bytes);
    const { bytes, transfer } = transferable(file.bytes);
    const req: WorkerRequest = { op: 'inspect', name: file.name, bytes, opts };
    w.postMessage(req, transfer);
    const m = await this.receive();
    if (m.op !== 'inspect') throw new Error(`unexpected ${m.op}`);
    return m.result;
  }

  /**
   * The staged cells as COPY text chunks (after `read`); `result()` gives the counts and coverage once
   * the chunks are consumed. Between chunks the event loop gets its turn.
   */
  stage(input: StageInput): { chunks: AsyncIterable<string>; result: () => StageResult } {
    let result: StageResult | null = null;
    const { dataset, fileName, worker } = this;
    const receive = () => this.receive();
    async function* inThread(): AsyncGenerator<string> {
      const gen = stagingChunks(dataset!, input, fileName);
      for (;;) {
        const step = gen.next();
        if (step.done) {
          result = step.value;
          return;
        }
        yield step.value;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    async function* viaWorker(): AsyncGenerator<string> {
      const w = worker!;
      const req: WorkerRequest = { op: 'stage', input };
      w.postMessage(req, []);
      for (;;) {
        const m = await receive();
        if (m.op === 'staged') {
          result = m.result;
          return;
        }
        if (m.op !== 'chunk') throw new Error(`unexpected ${m.op}`);
        // The worker makes the next chunk while this one is sent (two at most in memory).
        const next: WorkerRequest = { op: 'next' };
        w.postMessage(next, []);
        yield m.text;
      }
    }
    return {
      chunks: this.worker ? viaWorker() : inThread(),
      result: () => {
        if (!result) throw new Error('staging not finished');
        return result;
      },
    };
  }

  /** End the worker (its memory is returned) and forget the dataset. */
  async close(): Promise<void> {
    this.dataset = null;
    const w = this.worker;
    this.worker = null;
    if (w) {
      w.removeAllListeners('exit');
      await w.terminate();
    }
  }
}
