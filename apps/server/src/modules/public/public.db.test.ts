import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  createUserViaApi,
  newClient,
  sessionCookieOf,
  signInFresh,
  tenantIdBySlug,
  uniqueEmail,
  uniquePassword,
} from '../../test/fixtures';

interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  reqId?: string;
  tenantId?: string;
  req?: { method: string; route: string };
  res?: { statusCode: number };
  [k: string]: unknown;
}

const parse = (lines: string[]): LogLine[] =>
  lines.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as LogLine);

/** No stack frames or source paths in a response meant for clients. */
function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\n\s+at /);
  expect(body).not.toMatch(/\bat [\w.<>]+ \(/);
  expect(body).not.toMatch(/\/(work|home|usr|src|node_modules)\//);
  expect(body).not.toMatch(/\.(ts|js|mjs|tsx):\d+/);
  expect(body).not.toMatch(/stack/i);
}

describe(`public portal and operations on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

  describe('public pages', () => {
    it('GET / lists the tenants as accessible HTML without scripts', async () => {
      const res = await get('/');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const html = res.body;
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toMatch(/<html lang="de"/);
      expect(html).toMatch(/<a class="skip" href="#inhalt">Zum Inhalt springen<\/a>/);
      expect(html).toMatch(/<main id="inhalt"/);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('href="/kommune/musterstadt"');
      expect(html).toContain('href="/kommune/beispielkreis"');
      expect(html).toContain('Musterstadt (Demo)');
      expect(html).toContain('Landkreis Beispielkreis (Demo)');
      expect(html).toContain('Kreisfreie Stadt');
    });

    it('GET /kommune/musterstadt shows the demo banner, district table in German number format and the year', async () => {
      const res = await get('/kommune/musterstadt');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const html = res.body;
      expect(html).toMatch(/<html lang="de"/);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('Demodaten: Diese Kommune ist erfunden.');
      // The demo notice is a named region (a landmark), not a loose note.
      expect(html).toMatch(/<section class="demo" aria-label="Hinweis zu Demodaten">/);
      const table = html.match(/<table>[\s\S]*<\/table>/)?.[0] ?? '';
      expect(table).not.toBe('');
      // The latest year of the demo data, in the caption.
      const latest = await t.database.query<{ y: number }>(
        `SELECT max(extract(year FROM o.period))::int AS y FROM observations o
           JOIN series s ON s.id = o.series_id JOIN indicators i ON i.id = s.indicator_id
          WHERE o.tenant_id = $1 AND i.code = 'bevoelkerung_altersgruppen'`,
        [M],
      );
      expect(table).toContain(`Einwohnerinnen und Einwohner am 31.12.${latest[0]!.y}`);
      // German thousands separator (e.g. 12.345) and decimal comma for shares (e.g. 21,4 %).
      expect(table).toMatch(/<td class="num">\d{1,3}(\.\d{3})+<\/td>/);
      expect(table).toMatch(/<td class="num">\d+,\d %<\/td>/);
      expect(table).not.toMatch(/<td class="num">\d{1,3}(,\d{3})+<\/td>/);
      // One row per district.
      const districts = await t.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM areas WHERE tenant_id = $1 AND level = 'stadtbezirk'`,
        [M],
      );
      expect((table.match(/<tr><th scope="row">/g) ?? []).length).toBe(districts[0]!.n + 1);
      // The total is the sum of the district values.
      const total = await t.database.query<{ s: string }>(
        `SELECT sum(o.value)::bigint::text AS s FROM observations o
           JOIN series s ON s.id = o.series_id JOIN indicators i ON i.id = s.indicator_id
          WHERE o.tenant_id = $1 AND extract(year FROM o.period) = $2
            AND i.code = 'bevoelkerung_altersgruppen' AND s.dims->>'altersgruppe' <> 'insgesamt'`,
        [M, latest[0]!.y],
      );
      const formatted = new Intl.NumberFormat('de-DE').format(Number(total[0]!.s));
      expect(table).toContain(`<td class="num">${formatted}</td>`);
    });

    it('withheld values stay „.“ in the district table, never 0; sums and shares with a withheld part are withheld', async () => {
      // A threshold just above the smallest under-3 count of the latest year withholds that cell (and
      // whatever protects it).
      const small = await t.database.query<{ v: string; y: number }>(
        `SELECT min(o.value)::text AS v, max(extract(year FROM o.period))::int AS y FROM observations o
           JOIN series s ON s.id = o.series_id JOIN indicators i ON i.id = s.indicator_id
           JOIN areas a ON a.id = o.area_id
          WHERE o.tenant_id = $1 AND i.code = 'bevoelkerung_altersgruppen' AND a.level = 'stadtbezirk'
            AND s.dims->>'altersgruppe' = 'u3'
            AND extract(year FROM o.period) = (SELECT max(extract(year FROM period)) FROM observations WHERE tenant_id = $1)`,
        [M],
      );
      const threshold = Number(small[0]!.v) + 1;
      await t.database.query(
        `UPDATE indicators SET sdc_threshold = $2, data_version = data_version + 1
          WHERE tenant_id = $1 AND code = 'bevoelkerung_altersgruppen'`,
        [M, threshold],
      );
      // Written behind the server's back (like another process): seen once its caches are emptied.
      t.app.ctx.cache.invalidate();
      try {
        const html = (await get('/kommune/musterstadt')).body;
        const table = html.match(/<table>[\s\S]*<\/table>/)?.[0] ?? '';
        const rows = [
          ...table.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td class="num">[^<]*<\/td>)+)<\/tr>/g),
        ].map((m) => ({
          name: m[1]!,
          cells: [...m[2]!.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => c[1]!),
        }));
        const withheld = rows.filter((r) => r.cells[1] === '.');
        expect(withheld.length).toBeGreaterThan(0);
        for (const r of rows) expect(r.cells[1], r.name).not.toBe('0');
        // The city's „unter 6 Jahre“ sums the districts: with a withheld part it is withheld.
        expect(rows.at(-1)!.cells[1]).toBe('.');
        expect(html).toContain('„.“: Wert zum Schutz kleiner Fallzahlen zurückgehalten.');
      } finally {
        await t.database.query(
          `UPDATE indicators SET sdc_threshold = NULL, data_version = data_version + 1
            WHERE tenant_id = $1 AND code = 'bevoelkerung_altersgruppen'`,
          [M],
        );
        t.app.ctx.cache.invalidate();
      }
    });

    it('Accept-Language: en gives the English page', async () => {
      const res = await get('/kommune/musterstadt', { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/<html lang="en"/);
      expect(res.body).toContain('Skip to content');
      expect(res.body).toContain('Demo data: this municipality is fictional.');
      expect(res.body).toMatch(/Inhabitants on 31 Dec \d{4}/);
      expect(res.body).toMatch(/<td class="num">\d{1,3}(,\d{3})+<\/td>/);
    });

    it('the cookie lang=en gives English, and wins over Accept-Language', async () => {
      const res = await get('/', { cookie: 'lang=en', 'accept-language': 'de-DE' });
      expect(res.body).toMatch(/<html lang="en"/);
      expect(res.body).toContain('Municipalities');
      const de = await get('/', { cookie: 'lang=de', 'accept-language': 'en' });
      expect(de.body).toMatch(/<html lang="de"/);
    });

    it('/sprache sets the cookie and redirects (303) to the local next page', async () => {
      const res = await get('/sprache?lang=en&next=/kommune/musterstadt');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/kommune/musterstadt');
      const cookie = res.cookies.find((c) => c.name === 'lang');
      expect(cookie).toMatchObject({ value: 'en', path: '/' });
      const follow = await get(res.headers.location as string, { cookie: `lang=${cookie!.value}` });
      expect(follow.body).toMatch(/<html lang="en"/);
      // An unknown language falls back to German.
      const xx = await get('/sprache?lang=xx&next=/');
      expect(xx.cookies.find((c) => c.name === 'lang')?.value).toBe('de');
    });

    it.each([
      ['absolute URL', 'https://evil.example'],
      ['protocol-relative URL', '//evil.example'],
      ['javascript: URL', 'javascript:alert(1)'],
    ])('/sprache does not follow an external next (%s) and redirects to /', async (_label, next) => {
      const res = await get(`/sprache?lang=en&next=${encodeURIComponent(next)}`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
    });

    it('/sprache does not follow a backslash next (/\\evil.example), which browsers treat as //evil.example', async () => {
      // public.routes.ts accepts next when it matches /^\/(?!\/)[^\s]*$/; a backslash as second
      // character passes, and browsers normalise "/\evil.example" to "//evil.example" (open redirect).
      const res = await get(`/sprache?lang=en&next=${encodeURIComponent('/\\evil.example')}`);
      expect(res.statusCode).toBe(303);
      const target = new URL(String(res.headers.location), 'https://dkbm.example/');
      expect(target.host).toBe('dkbm.example');
      expect(res.headers.location).toBe('/');
    });

    it('tenant names and colours are escaped: no script injection into the portal', async () => {
      const platform = await signInFresh(t, DEMO.platform.email, DEMO.platform.password);
      const res = await platform.post('/api/platform/tenants', {
        slug: 'xss-stadt',
        name: '<script>alert(1)</script> Stadt',
        type: 'kreisangehoerige_gemeinde',
      });
      expect(res.statusCode, res.body).toBe(201);
      await t.database.query(`UPDATE tenants SET color = $1 WHERE slug = 'xss-stadt'`, [
        'red}</style><script>alert(2)</script>',
      ]);
      for (const url of ['/', '/kommune/xss-stadt']) {
        const page = await get(url);
        expect(page.statusCode).toBe(200);
        expect(page.body).not.toMatch(/<script/i);
        expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Stadt');
      }
    });

    it('an unknown tenant gives a 404 HTML page', async () => {
      const res = await get('/kommune/gibt-es-nicht');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toMatch(/<html lang="de"/);
      expect(res.body).toContain('Seite nicht gefunden');
      expect(res.body).not.toMatch(/<script/i);
      const en = await get('/kommune/gibt-es-nicht', { 'accept-language': 'en' });
      expect(en.statusCode).toBe(404);
      expect(en.body).toContain('Page not found');
    });

    it('an unknown non-API page asked for as HTML gives the 404 HTML page', async () => {
      const res = await get('/gibt-es-nicht');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('Seite nicht gefunden');
    });

    it('the stylesheet link resolves and is cached as immutable', async () => {
      const page = await get('/');
      const href = page.body.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
      expect(href).toMatch(/^\/static\/public\.[0-9a-f]{12}\.css$/);
      const css = await t.app.inject({ url: href! });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      expect(css.headers['cache-control']).toContain('immutable');
      expect(css.headers['cache-control']).toMatch(/max-age=\d{7,}/);
      expect(css.body.length).toBeGreaterThan(100);
    });

    it('HTML larger than 1 KB is compressed for accept-encoding: br, gzip', async () => {
      const plain = await get('/kommune/musterstadt', { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Buffer.byteLength(plain.body)).toBeGreaterThan(1024);

      const br = await get('/kommune/musterstadt', { 'accept-encoding': 'br, gzip' });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);

      const gz = await get('/kommune/musterstadt', { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
      expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
    });

    it('sends security headers: CSP without unsafe-inline scripts, nosniff, no framing', async () => {
      for (const url of ['/', '/kommune/musterstadt', '/api/auth/session']) {
        const res = await get(url);
        const csp = String(res.headers['content-security-policy']);
        const directives = Object.fromEntries(
          csp.split(';').map((d) => {
            const [name, ...values] = d.trim().split(/\s+/);
            return [name, values];
          }),
        );
        expect(directives['script-src'], csp).toEqual(["'self'"]);
        expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
        expect(directives['default-src']).toEqual(["'self'"]);
        expect(directives['frame-ancestors']).toEqual(["'none'"]);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });
  });

  describe('operations and API conventions', () => {
    it('/healthz → 200 {status: ok}', async () => {
      const res = await t.app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('/readyz → 200 with the driver name', async () => {
      const res = await t.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ready', database: TEST_DRIVER });
    });

    it('/docs/json is an OpenAPI 3 document with the login path and its request body schema', async () => {
      const res = await t.app.inject({ url: '/docs/json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe('DKBM-Plattform API');
      const login = doc.paths['/api/auth/login']?.post;
      expect(login).toBeDefined();
      const schema = login.requestBody?.content?.['application/json']?.schema;
      expect(schema).toMatchObject({
        type: 'object',
        properties: { email: { type: 'string' }, password: { type: 'string' } },
      });
      expect([...schema.required].toSorted()).toEqual(['email', 'password']);
    });

    it('/docs/json documents the users path as /api/tenants/{tenantId}/users', async () => {
      const doc = (await t.app.inject({ url: '/docs/json' })).json();
      const paths = Object.keys(doc.paths);
      expect(paths).toContain('/api/tenants/{tenantId}/users/{userId}');
      // The route is registered as '/' under the prefix, so the document names it ".../users/" with a
      // trailing slash, while clients (and the web app) call ".../users".
      expect(paths).toContain('/api/tenants/{tenantId}/users');
      expect(doc.paths['/api/tenants/{tenantId}/users']).toHaveProperty('get');
      expect(doc.paths['/api/tenants/{tenantId}/users']).toHaveProperty('post');
    });

    it('an unknown /api/ address → 404 {error, message} as JSON', async () => {
      for (const accept of ['application/json', 'text/html']) {
        const res = await t.app.inject({ url: '/api/gibt-es-nicht', headers: { accept } });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.json()).toEqual({ error: 'not_found', message: 'Die Adresse wurde nicht gefunden.' });
      }
    });

    it.each([
      ['truncated JSON', '{"email":'],
      ['not JSON at all', 'email=x&password=y'],
      ['JSON with a trailing comma', '{"email":"a@b.example","password":"x",}'],
    ])('a malformed JSON body (%s) → 400 {error, message} without stack trace', async (_label, payload) => {
      const c = newClient(t);
      const res = await c.request({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(['bad_request', 'validation']).toContain(body.error);
      expect(typeof body.message).toBe('string');
      expect(body.message.length).toBeGreaterThan(0);
      expectNoInternals(res.body);
    });

    it('a body of the wrong shape → 400 validation without internals', async () => {
      const c = newClient(t);
      const res = await c.post('/api/auth/login', { email: ['x'], password: { $ne: null } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'validation' });
      expectNoInternals(res.body);
    });

    it('every response carries an x-request-id header; a well-formed incoming one is kept', async () => {
      const c = newClient(t);
      await c.session();
      const responses: Array<[string, LightMyRequestResponse]> = [
        ['html', await get('/')],
        ['html 404', await get('/kommune/nix')],
        ['css', await t.app.inject({ url: (await get('/')).body.match(/href="(\/static\/[^"]+)"/)![1]! })],
        ['redirect', await get('/sprache?lang=de&next=/')],
        ['json', await t.app.inject({ url: '/healthz' })],
        ['api 404', await t.app.inject({ url: '/api/nix' })],
        ['401', await t.app.inject({ url: `/api/tenants/${M}` })],
        ['403 csrf', await c.post('/api/auth/logout', {}, { csrf: false })],
        [
          '400',
          await c.request({
            method: 'POST',
            url: '/api/auth/login',
            payload: '{',
            headers: { 'content-type': 'application/json' },
          }),
        ],
        ['docs', await t.app.inject({ url: '/docs/json' })],
      ];
      const ids = new Set<string>();
      for (const [label, res] of responses) {
        const id = res.headers['x-request-id'];
        expect(typeof id, label).toBe('string');
        expect(String(id), label).toMatch(/^[\w-]{8,64}$/);
        ids.add(String(id));
      }
      expect(ids.size).toBe(responses.length);
      const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-trace-12345678' } });
      expect(given.headers['x-request-id']).toBe('lb-trace-12345678');
      const bad = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'x y<script>' } });
      expect(bad.headers['x-request-id']).not.toBe('x y<script>');
    });
  });

  describe('logging', () => {
    it('logs no e-mail address, password or session cookie (login right and wrong, user creation)', async () => {
      const start = t.logs.length;
      const adminClient = newClient(t);
      const ok = await adminClient.login(DEMO.admin.email, DEMO.admin.password);
      expect(ok.statusCode).toBe(200);
      const cookie = sessionCookieOf(adminClient);
      const wrongPassword = 'ganz-falsches-Passwort-42';
      const wrong = await newClient(t).login(DEMO.editor.email, wrongPassword);
      expect(wrong.statusCode).toBe(401);
      const unknownEmail = uniqueEmail('unbekannt');
      expect((await newClient(t).login(unknownEmail, wrongPassword)).statusCode).toBe(401);
      const person = await createUserViaApi(adminClient, M, 'viewer', {
        email: uniqueEmail('protokoll'),
        password: uniquePassword(),
      });
      const dup = await adminClient.post(`/api/tenants/${M}/users`, {
        mode: 'password',
        email: person.email,
        displayName: 'Doppelt',
        role: 'viewer',
        password: uniquePassword(),
      });
      expect(dup.statusCode).toBe(409);
      const invalid = await adminClient.post(`/api/tenants/${M}/users`, {
        mode: 'password',
        email: 'kaputt@',
        displayName: 'Kaputt',
        role: 'viewer',
        password: uniquePassword(),
      });
      expect(invalid.statusCode).toBe(400);
      const personClient = await signInFresh(t, person.email, person.password);
      // One-time tokens in paths and query strings must not be logged either.
      const fakeToken = 'geheimes-einladungs-token-0123456789abcdef';
      await t.app.inject({ url: `/api/auth/invitations/${fakeToken}` });
      await get('/sprache?lang=en&next=/kommune/geheimer-pfad-4711');

      const written = t.logs.slice(start).join('');
      expect(written.length).toBeGreaterThan(0);
      const secrets = [
        DEMO.admin.email,
        DEMO.admin.password,
        DEMO.editor.email,
        wrongPassword,
        unknownEmail,
        person.email,
        person.password,
        'kaputt@',
        cookie,
        sessionCookieOf(personClient),
        adminClient.csrfToken!,
        fakeToken,
        'geheimer-pfad-4711',
      ];
      for (const s of secrets) expect(written, `log contains ${s}`).not.toContain(s);
      // Only route patterns are logged.
      expect(written).toContain('"route":"/api/auth/invitations/:token"');
    });

    it('an unexpected database error logs no e-mail address, name or password hash', async () => {
      // Simulate a failing write (as with a full disk or a violated constraint): a CHECK constraint
      // that refuses one display name. errors.ts logs the whole error object for 500s, and drizzle's
      // error message carries the query parameters (e-mail, name, argon2 hash).
      await t.database.query(
        `ALTER TABLE users ADD CONSTRAINT test_refuse_name CHECK (display_name <> 'Fritzi Fehlerfall')`,
      );
      const admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
      const email = uniqueEmail('fehlerfall');
      const start = t.logs.length;
      const res = await admin.post(`/api/tenants/${M}/users`, {
        mode: 'password',
        email,
        displayName: 'Fritzi Fehlerfall',
        role: 'viewer',
        password: uniquePassword(),
      });
      await t.database.query('ALTER TABLE users DROP CONSTRAINT test_refuse_name');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: 'internal',
        message: `Ein interner Fehler ist aufgetreten (Anfrage ${res.headers['x-request-id']}).`,
      });
      expectNoInternals(res.body);
      expect(res.body).not.toContain(email);

      const written = t.logs.slice(start).join('');
      expect(written).toContain('"level":50');
      expect(written).not.toContain(email);
      expect(written).not.toContain('Fritzi Fehlerfall');
      expect(written).not.toContain('$argon2id$');
    });

    it('every request log line carries requestId', async () => {
      const start = t.logs.length;
      await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'req-id-healthz-0001' } });
      await get('/kommune/musterstadt', { 'x-request-id': 'req-id-public-0002' });
      const lines = parse(t.logs.slice(start)).filter((l) => l.req || l.res);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const l of lines)
        expect({ msg: l.msg, requestId: l.requestId }).toMatchObject({
          requestId: expect.stringMatching(/^req-id-(healthz|public)-000\d$/),
        });
    });

    it('log lines of tenant routes carry tenantId', async () => {
      const c = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
      const start = t.logs.length;
      const id = 'req-id-tenant-route-0003';
      const res = await c.request({
        method: 'GET',
        url: `/api/tenants/${M}/areas`,
        headers: { 'x-request-id': id },
      });
      expect(res.statusCode).toBe(200);
      const lines = parse(t.logs.slice(start)).filter((l) => l.requestId === id || l.reqId === id);
      const completed = lines.find((l) => l.msg === 'request completed');
      expect(completed, JSON.stringify(lines)).toBeDefined();
      expect(completed).toMatchObject({ res: { statusCode: 200 }, tenantId: M });
    });
  });
});
