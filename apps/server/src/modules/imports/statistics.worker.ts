/**
 * Worker thread of a statistics import (entry `statisticsWorker.js` of the build): reads the file and
 * makes the staged cells for the main thread, which only talks to the database (ADR 5). Messages:
 *   → { op: 'read', name, bytes, mapping }     ← { op: 'read', result }
 *   → { op: 'inspect', name, bytes, opts }     ← { op: 'inspect', result }
 *   → { op: 'stage', input }                   ← { op: 'chunk', text } … (each answered by → { op: 'next' })
 *                                               ← { op: 'staged', result }
 *   any failure                                 ← { op: 'error', error }
 */
import { parentPort } from 'node:worker_threads';
import type { Dataset, TidyMapping } from '@dkbm/domain';
import {
  inspectStatistics,
  openStatistics,
  readResultOf,
  stagingChunks,
  type StageInput,
} from './statistics.reader';
import { serializeError, type WorkerRequest } from './statistics.thread';
import { tracer } from './trace';

const port = parentPort!;
const EMPTY = new Uint8Array(0);
let dataset: Dataset | null = null;
let fileName = '';
let waiting: (() => void) | null = null;

async function handle(m: WorkerRequest): Promise<void> {
  if (m.op === 'next') {
    const w = waiting;
    waiting = null;
    w?.();
    return;
  }
  try {
    if (m.op === 'read') {
      fileName = m.name;
      const trace = tracer();
      const file = { name: m.name, bytes: m.bytes };
      m.bytes = EMPTY;
      const ds = await openStatistics(file, m.mapping as TidyMapping | undefined, m.cellCheck);
      // A CSV keeps its bytes and decodes a window at a time on every pass; a workbook is unpacked when
      // it is opened and needs its bytes no longer: they would otherwise stay reachable from the
      // dataset's closures through scan and staging (issue 9).
      file.bytes = EMPTY;
      trace('worker: opened');
      const result = readResultOf(ds, m.name);
      trace('worker: cleaned and scanned');
      dataset = ds;
      port.postMessage({ op: 'read', result });
    } else if (m.op === 'inspect') {
      const result = await inspectStatistics({ name: m.name, bytes: m.bytes }, m.opts);
      port.postMessage({ op: 'inspect', result });
    } else if (m.op === 'stage') {
      if (!dataset) throw new Error('stage before read');
      const gen = stagingChunks(dataset, m.input as StageInput, fileName);
      for (;;) {
        const step = gen.next();
        if (step.done) {
          port.postMessage({ op: 'staged', result: step.value });
          break;
        }
        // One chunk in flight: the next is made when the main thread has sent this one.
        const sent = new Promise<void>((resolve) => (waiting = resolve));
        port.postMessage({ op: 'chunk', text: step.value });
        await sent;
      }
    }
  } catch (e) {
    port.postMessage({ op: 'error', error: serializeError(e) });
  }
}

port.on('message', (m: WorkerRequest) => void handle(m));
