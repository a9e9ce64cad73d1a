/**
 * One user must not be able to stop the service for everyone (issue 9): a zip bomb uploaded through the
 * API is refused with a German message while another client keeps getting answers from /healthz, and
 * the server's memory stays bounded.
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
  type ServerProcess,
} from '../../test/processes';

const MiB = 1024 * 1024;

/** A GENESIS-Online flat file zip with a padding CSV of `zerosMiB` MiB of zeros (as the attacker sent it). */
const bomb = (zerosMiB: number) =>
  streamedZip({
    'daten.csv': strToU8(
      'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label\n',
    ),
    'padding.csv': { zeros: zerosMiB },
  });

describe('resource limits of imports (built server)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ DATA_DIR: tempDir('dkbm-resources-'), LOGIN_RATE_LIMIT_MAX: '1000' });
  }, 120_000);
  afterAll(async () => {
    if (server) await stopServer(server);
  });

  it('a zip bomb (a 1 GiB padding entry in 1 MB) is refused in German while /healthz keeps answering; memory stays bounded', async () => {
    const s = new HttpSession(server.url);
    expect(await s.login('admin@musterstadt.example', 'admin-demo-passwort')).toBe(200);
    const session = (await (await s.req('GET', '/api/auth/session')).json()) as {
      memberships: { slug: string; tenantId: string }[];
    };
    const tenant = session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
    const file = bomb(1024);
    expect(file.length).toBeLessThan(2 * MiB);
    const before = procMb(server.proc.pid!);

    // Another client polls /healthz all the time.
    const state = { polling: true };
    const health: { status: number; ms: number }[] = [];
    const poller = (async () => {
      while (state.polling) {
        const t0 = Date.now();
        const r = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch(
          () => null,
        );
        health.push({ status: r?.status ?? 0, ms: Date.now() - t0 });
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, procMb(server.proc.pid!))), 50);
    const polls = async (n: number) => {
      const target = health.length + n;
      while (health.length < target) await new Promise((res) => setTimeout(res, 20));
    };
    try {
      await polls(3);
      // Refused at the upload already: the format check reads the archive within the zip limits.
      const up = await s.upload(`/api/tenants/${tenant}/imports`, 'lieferung.zip', file);
      expect(up.status).toBe(400);
      const body = (await up.json()) as { message: string };
      expect(body.message).toMatch(/lieferung\.zip\/padding\.csv.*ZIP-Bomben/);
      expect(body.message.length).toBeLessThan(400);
      // Nothing was stored.
      const runs = (await (await s.req('GET', `/api/tenants/${tenant}/imports`)).json()) as unknown[];
      expect(runs).toEqual([]);
      await polls(3);
    } finally {
      state.polling = false;
      clearInterval(sampler);
      await poller;
    }
    // Every health check was answered (a frozen server would time them out).
    expect(health.length).toBeGreaterThanOrEqual(6);
    expect(health.filter((h) => h.status !== 200)).toEqual([]);
    // The 1 GiB entry was never held in memory (the limit stops it within a few MB).
    expect(peak - before).toBeLessThan(300);
  }, 180_000);
});
