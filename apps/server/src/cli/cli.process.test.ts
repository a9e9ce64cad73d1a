import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpSession, runCli, startServer, stopServer, tempDir } from '../test/processes';

const dirs: string[] = [];
const dataDir = () => {
  const d = tempDir('cli');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Row lines of a backup (without the header line with its timestamp). */
const rowsOf = (file: string) =>
  zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').slice(1).join('\n');

describe('dkbm CLI', () => {
  it('manages tenants and accounts; the account can sign in with the password set by passwd', async () => {
    const dir = dataDir();
    const env = { DEMO_DATA: 'false' };
    expect(runCli(['migrate', '--data-dir', dir], { env }).code).toBe(0);

    const bad = runCli([
      'tenant',
      'add',
      '--slug',
      'Stadt X!',
      '--name',
      'Stadt X',
      '--type',
      'landkreis',
      '--data-dir',
      dir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--slug');

    const add = runCli([
      'tenant',
      'add',
      '--slug',
      'goettingen',
      '--name',
      'Landkreis Göttingen',
      '--type',
      'landkreis',
      '--ags',
      '03159',
      '--data-dir',
      dir,
    ]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Landkreis Göttingen');
    const list = runCli(['tenant', 'list', '--data-dir', dir]);
    expect(list.stdout).toMatch(/goettingen\s+landkreis\s+03159/);

    const short = runCli(
      [
        'user',
        'add',
        '--email',
        'leitung@goettingen.example',
        '--name',
        'Lea Leitung',
        '--tenant',
        'goettingen',
        '--role',
        'admin',
        '--data-dir',
        dir,
      ],
      { input: 'zu-kurz\n' },
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('mindestens 12 Zeichen');

    const user = runCli(
      [
        'user',
        'add',
        '--email',
        'leitung@goettingen.example',
        '--name',
        'Lea Leitung',
        '--tenant',
        'goettingen',
        '--role',
        'admin',
        '--data-dir',
        dir,
      ],
      { input: 'erstes-langes-passwort\n' },
    );
    expect(user.code, user.stderr).toBe(0);
    const dup = runCli(
      [
        'user',
        'add',
        '--email',
        'LEITUNG@goettingen.example',
        '--name',
        'X',
        '--tenant',
        'goettingen',
        '--data-dir',
        dir,
      ],
      { input: 'erstes-langes-passwort\n' },
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('besteht bereits');

    const passwd = runCli(['user', 'passwd', 'leitung@goettingen.example', '--data-dir', dir], {
      input: 'zweites-langes-passwort\n',
    });
    expect(passwd.code, passwd.stderr).toBe(0);

    const server = await startServer({ DATA_DIR: dir, DEMO_DATA: 'false' });
    try {
      const s = new HttpSession(server.url);
      expect(await s.login('leitung@goettingen.example', 'erstes-langes-passwort')).toBe(401);
      expect(await s.login('leitung@goettingen.example', 'zweites-langes-passwort')).toBe(200);
      const tenants = (await (await s.req('GET', '/api/tenants')).json()) as Array<{
        slug: string;
        role: string;
      }>;
      expect(tenants).toEqual([expect.objectContaining({ slug: 'goettingen', role: 'admin' })]);
      // No demo data when DEMO_DATA=false.
      expect(
        await new HttpSession(server.url).login('admin@musterstadt.example', 'admin-demo-passwort'),
      ).toBe(401);
    } finally {
      await stopServer(server);
    }
  });

  it('seed-demo is idempotent', () => {
    const dir = dataDir();
    const env = { DEMO_DATA: 'false' };
    const first = runCli(['seed-demo', '--data-dir', dir], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Demokommune angelegt');
    const second = runCli(['seed-demo', '--data-dir', dir], { env });
    expect(second.stdout).toContain('bereits vorhanden');
  });

  it('backup then restore into an empty folder reproduces every row; a non-empty target is refused', () => {
    const src = dataDir();
    expect(runCli(['seed-demo', '--data-dir', src]).code).toBe(0);
    const file = path.join(src, 'sicherung.dkbm.gz');
    const b = runCli(['backup', file, '--data-dir', src]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/Sicherung geschrieben: .* \(\d+ Zeilen aus \d+ Tabellen/);

    const dst = dataDir();
    const r = runCli(['restore', file, '--data-dir', dst]);
    expect(r.code, r.stderr).toBe(0);
    const again = path.join(dst, 'wieder.dkbm.gz');
    expect(runCli(['backup', again, '--data-dir', dst]).code).toBe(0);
    expect(rowsOf(again)).toBe(rowsOf(file));

    const refused = runCli(['restore', file, '--data-dir', dst]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nicht leer');
    expect(refused.stderr).toContain('Es wurde nichts geändert');
  });

  it('moves a PGlite installation to PostgreSQL via backup and restore (DATABASE_URL)', async () => {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) {
      if (process.env.CI) throw new Error('TEST_DATABASE_URL fehlt in CI');
      console.warn('ÜBERSPRUNGEN: kein TEST_DATABASE_URL für den Umzug nach PostgreSQL');
      return;
    }
    const src = dataDir();
    expect(runCli(['seed-demo', '--data-dir', src]).code).toBe(0);
    const file = path.join(src, 'umzug.dkbm.gz');
    expect(runCli(['backup', file, '--data-dir', src]).code).toBe(0);

    const name = `dkbm_cli_${crypto.randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      const env = { DATABASE_URL: url.toString() };
      const r = runCli(['restore', file], { env });
      expect(r.code, r.stderr).toBe(0);
      const back = path.join(src, 'zurueck.dkbm.gz');
      expect(runCli(['backup', back], { env }).code).toBe(0);
      expect(rowsOf(back)).toBe(rowsOf(file));
      const server = await startServer({ DATABASE_URL: url.toString() });
      try {
        const s = new HttpSession(server.url);
        expect(await s.login('admin@musterstadt.example', 'admin-demo-passwort')).toBe(200);
      } finally {
        await stopServer(server);
      }
    } finally {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  });

  it('doctor checks Node, Chromium, the database and the lock', async () => {
    const dir = dataDir();
    const free = runCli(['doctor', '--data-dir', dir], { env: { DEMO_DATA: 'false' } });
    expect(free.code, free.stdout + free.stderr).toBe(0);
    expect(free.stdout).toMatch(/\[OK\s*\] Node\.js/);
    expect(free.stdout).toMatch(/\[OK\s*\] Sperre\s+Datenordner .* ist frei/);
    expect(free.stdout).toMatch(/\[OK\s*\] Datenbank\s+PGlite/);
    const server = await startServer({ DATA_DIR: dir, DEMO_DATA: 'false' });
    try {
      const busy = runCli(['doctor', '--data-dir', dir]);
      expect(busy.stdout).toContain(`von Prozess ${server.proc.pid} (server)`);
    } finally {
      await stopServer(server);
    }
    const unreachable = runCli(['doctor'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toMatch(/\[FAIL\] PostgreSQL\s+nicht erreichbar/);
  });
});
