import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HttpSession,
  runCli,
  startServer,
  stopServer,
  tempDir,
  type ServerProcess,
} from '../../test/processes';

const ADMIN = { email: 'admin@musterstadt.example', password: 'admin-demo-passwort' };

describe('PGlite data folder: one process at a time, crash-safe', () => {
  const dir = tempDir('lock');
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of running) await stopServer(s, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a second server and the CLI are refused with a clear message while the first keeps serving', async () => {
    const first = await startServer({ DATA_DIR: dir });
    running.push(first);
    expect(first.output()).toContain('admin@musterstadt.example');

    const second = await startServer({ DATA_DIR: dir }, { waitHealthy: false });
    running.push(second);
    expect(await second.exited).toBe(3);
    expect(second.output()).toMatch(/wird bereits von Prozess \d+ \(server/);
    expect(second.output()).toContain('already in use');

    const cli = runCli(['backup', `${dir}/x.gz`, '--data-dir', dir]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain(`Prozess ${first.proc.pid}`);
    expect(fs.existsSync(`${dir}/x.gz`)).toBe(false);

    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    const session = new HttpSession(first.url);
    expect(await session.login(ADMIN.email, ADMIN.password)).toBe(200);
  });

  it('after kill -9 a restart recovers the stale lock and finds every committed row', async () => {
    const first = running[0]!;
    const session = new HttpSession(first.url);
    expect(await session.login(ADMIN.email, ADMIN.password)).toBe(200);
    const tenants = (await (await session.req('GET', '/api/tenants')).json()) as Array<{
      tenantId: string;
      slug: string;
    }>;
    const musterstadt = tenants.find((t) => t.slug === 'musterstadt')!;
    const before = (
      (await (await session.req('GET', `/api/tenants/${musterstadt.tenantId}/users`)).json()) as unknown[]
    ).length;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const email = `absturz-${i}@musterstadt.example`;
      const res = await session.req('POST', `/api/tenants/${musterstadt.tenantId}/users`, {
        mode: 'password',
        email,
        displayName: `Absturz ${i}`,
        role: 'viewer',
        password: 'ein-langes-passwort',
      });
      expect(res.status).toBe(201);
      created.push(email);
    }
    // Committed (201 received): now the process dies without any chance to clean up.
    expect(await stopServer(first, 'SIGKILL')).toBeNull();
    expect(fs.existsSync(`${dir}/dkbm.lock`)).toBe(true);

    const restarted = await startServer({ DATA_DIR: dir });
    running.push(restarted);
    for (const email of created) {
      const s = new HttpSession(restarted.url);
      expect(await s.login(email, 'ein-langes-passwort')).toBe(200);
    }
    const again = new HttpSession(restarted.url);
    expect(await again.login(ADMIN.email, ADMIN.password)).toBe(200);
    const users = (await (
      await again.req('GET', `/api/tenants/${musterstadt.tenantId}/users`)
    ).json()) as unknown[];
    expect(users.length).toBe(before + 5); // the demo's accounts + the five created before the crash
    await stopServer(restarted);
    expect(fs.existsSync(`${dir}/dkbm.lock`)).toBe(false);
  });
});
