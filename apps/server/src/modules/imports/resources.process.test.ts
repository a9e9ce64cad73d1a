/**
 * One user must not be able to stop the service for everyone (issue 9): a zip bomb and a table with a
 * million columns uploaded through the API are refused with German messages, and a large table is read
 * and committed off the event loop (worker thread, ADR 0005), while another client keeps getting answers
 * from /healthz and the server's memory stays bounded and returns afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { streamedZip } from '@dkbm/domain/testing/zip';
import {
  HttpSession,
  procMb,
  startServer,
  stopServer,
  tempDir,
  waitHealthy,
  type ServerProcess,
} from '../../test/processes';

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** A GENESIS-Online flat file zip with a padding CSV of `zerosMiB` MiB of zeros (as the attacker sent it). */
const bomb = (zerosMiB: number) =>
  streamedZip({
    'daten.csv': strToU8(
      'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label\n',
    ),
    'padding.csv': { zeros: zerosMiB },
  });

/** The attacker's CSV: a header `id;c1;…;c999999` and one data row, about 9.9 MB (issue 9, item 5). */
function millionColumns(): Uint8Array {
  const n = 1_000_000;
  const head = ['id'];
  const row = ['1'];
  for (let i = 1; i < n; i++) {
    head.push(`c${i}`);
    row.push(String(i % 10));
  }
  return strToU8(`${head.join(';')}\n${row.join(';')}\n`);
}

/** A tidy table of `areas` Planungsräume × 20 years × 2 sexes × 10 age groups, one value per line. */
function tidyTable(areas: number): Uint8Array {
  const lines = ['Planungsraum;Jahr;Geschlecht;Alter;Einwohner'];
  for (let a = 1; a <= areas; a++) {
    const key = `PR${String(a).padStart(4, '0')}`;
    for (let y = 2005; y < 2025; y++) {
      for (const sex of ['weiblich', 'männlich']) {
        for (let age = 0; age < 10; age++)
          lines.push(`${key};${y};${sex};${age * 5} bis ${age * 5 + 4} Jahre;${(a * 7 + y + age) % 9000},5`);
      }
    }
  }
  return strToU8(lines.join('\n') + '\n');
}

/**
 * Polls /healthz every 50 ms (each check may take up to `timeoutMs`; a frozen server times them out) and
 * samples the server's resident memory, while `work` runs.
 */
async function whilePolled<T>(server: ServerProcess, work: () => Promise<T>, timeoutMs = 10_000) {
  const pid = server.proc.pid!;
  const state = { polling: true };
  const health: { status: number; ms: number }[] = [];
  const poller = (async () => {
    while (state.polling) {
      const t0 = Date.now();
      const check = () =>
        fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) }).catch(() => null);
      // A connection the server closed after refusing an upload can fail at once: asked again once.
      const r = (await check()) ?? (Date.now() - t0 < 1000 ? await check() : null);
      health.push({ status: r?.status ?? 0, ms: Date.now() - t0 });
      await sleep(50);
    }
  })();
  const before = procMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, procMb(pid))), 50);
  const polls = async (n: number) => {
    const target = health.length + n;
    while (health.length < target) await sleep(20);
  };
  try {
    await polls(3);
    const result = await work();
    await polls(3);
    return { result, health, before, peak };
  } finally {
    state.polling = false;
    clearInterval(sampler);
    await poller;
  }
}

describe('resource limits of imports (built server)', () => {
  let server: ServerProcess;
  let s: HttpSession;
  let tenant: string;
  beforeAll(async () => {
    server = await startServer(
      {
        DATA_DIR: tempDir('import-resources'),
        LOGIN_RATE_LIMIT_MAX: '1000',
        // Every statistics file goes to the worker thread, as large ones do.
        DKBM_IMPORT_WORKER_MIN_BYTES: '0',
      },
      { waitHealthy: false },
    );
    // A new data folder is migrated and seeded first (slow on a busy machine).
    await waitHealthy(server, 170_000);
    s = new HttpSession(server.url);
    expect(await s.login('admin@musterstadt.example', 'admin-demo-passwort')).toBe(200);
    const session = (await (await s.req('GET', '/api/auth/session')).json()) as {
      memberships: { slug: string; tenantId: string }[];
    };
    tenant = session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  }, 180_000);
  afterAll(async () => {
    if (server) await stopServer(server);
  });

  const runs = async () => (await (await s.req('GET', `/api/tenants/${tenant}/imports`)).json()) as unknown[];

  it('a zip bomb (a 1 GiB padding entry in 1 MB) is refused in German while /healthz keeps answering; memory stays bounded', async () => {
    const file = bomb(1024);
    expect(file.length).toBeLessThan(2 * MiB);
    const {
      result: up,
      health,
      before,
      peak,
    } = await whilePolled(server, async () => {
      // Refused at the upload already: the format check reads the archive within the zip limits.
      const res = await s.upload(`/api/tenants/${tenant}/imports`, 'lieferung.zip', file);
      return { status: res.status, body: (await res.json()) as { message: string } };
    });
    expect(up.status).toBe(400);
    expect(up.body.message).toMatch(/lieferung\.zip\/padding\.csv.*ZIP-Bomben/);
    expect(up.body.message.length).toBeLessThan(400);
    // Nothing was stored.
    expect(await runs()).toEqual([]);
    // Every health check was answered (a frozen server would time them out).
    expect(health.length).toBeGreaterThanOrEqual(6);
    expect(health.filter((h) => h.status !== 200)).toEqual([]);
    // The 1 GiB entry was never held in memory (the limit stops it within a few MB).
    expect(peak - before).toBeLessThan(300);
  }, 180_000);

  it('a CSV with one million columns (9.9 MB) is refused at the upload in German, naming line and columns, while /healthz keeps answering', async () => {
    const file = millionColumns();
    expect(file.length).toBeGreaterThan(9 * MiB);
    const {
      result: up,
      health,
      before,
      peak,
    } = await whilePolled(server, async () => {
      const res = await s.upload(`/api/tenants/${tenant}/imports`, 'breit.csv', file);
      return {
        status: res.status,
        body: (await res.json()) as { error: string; message: string },
      };
    });
    expect(up.status).toBe(400);
    expect(up.body.error).toBe('too_many_columns');
    expect(up.body.message).toMatch(
      /^breit\.csv, Zeile 1: Die Tabelle hat 1\.000\.000 Spalten; möglich sind höchstens 16\.384 .*Spalten: id, c1, c2, .* … und 999\.990 weitere Spalten\./,
    );
    // A short message instead of the 8.9 MB one of the issue.
    expect(up.body.message.length).toBeLessThan(600);
    expect(await runs()).toEqual([]);
    expect(health.filter((h) => h.status !== 200)).toEqual([]);
    // The table was never split into a million strings (that took the server up by 1.2 GB).
    expect(peak - before).toBeLessThan(300);
  }, 180_000);

  it('a large table is checked and committed through the worker thread while /healthz keeps answering; memory returns afterwards', async () => {
    const file = tidyTable(300); // 120,000 values, about 4.5 MB
    const t = `/api/tenants/${tenant}`;
    const waitRun = async (id: string, until: string[]) => {
      for (;;) {
        const run = (await (await s.req('GET', `${t}/imports/${id}`)).json()) as {
          status: string;
          error: { message: string } | null;
          result: { observations: { inserted: number } } | null;
        };
        if (until.includes(run.status)) return run;
        await sleep(200);
      }
    };
    const options = {
      mapping: {
        areaKey: { column: 'Planungsraum' },
        period: { column: 'Jahr', type: 'year' },
        dimensions: [
          { column: 'Geschlecht', name: 'Geschlecht' },
          { column: 'Alter', name: 'Alter' },
        ],
        values: [
          { column: 'Einwohner', measure: 'einwohner_test', name: 'Einwohner (Test)', unit: 'Personen' },
        ],
      },
      level: 'planungsraum',
      createAreas: true,
    };
    const {
      result: done,
      health,
      before,
      peak,
    } = await whilePolled(
      server,
      async () => {
        const up = await s.upload(`${t}/imports`, 'einwohner.csv', file);
        expect(up.status).toBe(202);
        const id = ((await up.json()) as { id: string }).id;
        await waitRun(id, ['ready', 'failed']);
        expect((await s.req('POST', `${t}/imports/${id}/analyze`, options)).status).toBe(202);
        const checked = await waitRun(id, ['ready', 'failed']);
        expect(checked.error).toBeNull();
        expect((await s.req('POST', `${t}/imports/${id}/commit`, options)).status).toBe(202);
        return waitRun(id, ['done', 'failed']);
        // PGlite writes the values and protects the public view in this thread, in parts (ADR 0005);
        // a check may wait for one part, but none stays unanswered.
      },
      60_000,
    );
    expect(done.error).toBeNull();
    expect(done.result!.observations.inserted).toBe(120_000);
    expect(health.filter((h) => h.status !== 200)).toEqual([]);
    // The worker's memory goes with it: within five seconds the server is near where it started
    // (looked at every 250 ms; the last look is at the latest after 5 s, as a single look used to be).
    const settled = Date.now() + 5000;
    let after = procMb(server.proc.pid!);
    while (after - before >= 250 && Date.now() < settled) {
      await sleep(250);
      after = procMb(server.proc.pid!);
    }
    expect({ before, peak, after, back: after - before < 250 }).toMatchObject({ back: true });
  }, 300_000);
});
