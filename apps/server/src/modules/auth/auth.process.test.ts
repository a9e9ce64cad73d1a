import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpSession, startServer, stopServer, tempDir } from '../../test/processes';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('sign-in limits of the built server behind a proxy (TRUST_PROXY=true)', () => {
  it('a new X-Forwarded-For per request neither gives 30 free guesses nor a sign-in afterwards; nginx form is limited per client', async () => {
    const dir = tempDir('auth-proxy');
    dirs.push(dir);
    const server = await startServer({ DATA_DIR: dir, TRUST_PROXY: 'true', LOGIN_RATE_LIMIT_MAX: '3' });
    try {
      // A client that talks to the server directly and invents its address on every request.
      const statuses: number[] = [];
      for (let n = 1; n <= 30; n++) {
        const s = new HttpSession(server.url);
        statuses.push(
          await s.login('politik@musterstadt.example', `falsch-${n}-passwort`, {
            'x-forwarded-for': `203.0.113.${n}`,
          }),
        );
      }
      // Five failures are free; after that the account waits 1 s, 2 s, 4 s … from its last failure, so
      // at most a few more guesses are checked however fast the addresses change (only a stall of
      // seconds between two requests would let one more through).
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(8);
      expect(statuses.filter((x) => x !== 401 && x !== 429)).toEqual([]);
      const after = new HttpSession(server.url);
      expect(
        await after.login('politik@musterstadt.example', 'politik-demo-passwort', {
          'x-forwarded-for': '203.0.113.200',
        }),
      ).toBe(429);

      // nginx appends the address it saw (here 127.0.0.1) to the client's own header.
      const viaNginx: number[] = [];
      for (let n = 1; n <= 5; n++) {
        viaNginx.push(
          await new HttpSession(server.url).login('redaktion@musterstadt.example', `falsch-${n}-passwort`, {
            'x-forwarded-for': `203.0.113.${n}, 127.0.0.1`,
          }),
        );
      }
      expect(viaNginx).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await stopServer(server);
    }
  });
});
