// Benchmark: the observations API under 32 concurrent clients (autocannon), against the BUILT server
// (apps/server/dist/main.js) on a fresh PGlite data folder with the demo municipality, signed in as the
// demo admin. Baseline in the same run: a bare Fastify process (same Fastify, same @fastify/compress
// configuration) that answers the SAME JSON bodies from memory (as bytes, the cheapest form to send), with the same ETag/304 behaviour.
// autocannon sends no Accept-Encoding, so both servers send plain, uncompressed JSON (checked below).
// Variants: internal view of the whole indicator (200; the figure for the goal), internal view with
// If-None-Match (304), public view (disclosure control applied, 200), the two requests of the workbench's
// indicator page (map: one period; time series: one area and one dimension combination), and for
// information the floor every authenticated request pays: GET /api/auth/session (session and membership
// lookups, a small JSON) against the bare /healthz.
// The same against PostgreSQL (fresh database, DEMO_DATA=true) when one is available, for comparison.
// Usage: npm run bench -- api [--duration 5] [--rounds 3] [--connections 32] [--engines=pglite,postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { arg, freePort, postgresUrl, procMb, root, say } from './lib.mjs';

const duration = Number(arg('duration', 5));
// Rounds per variant, ours and bare alternating, so that a noisy moment on a shared machine hits both;
// the figures are the medians.
const rounds = Number(arg('rounds', 3));
const connections = Number(arg('connections', 32));
const serverJs = path.join(root, 'apps/server/dist/main.js');
if (!fs.existsSync(serverJs)) throw new Error('npm run build first');

async function start(args, env) {
  const port = await freePort();
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { proc, base };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGTERM');
  throw new Error(`${args.join(' ')} did not become healthy`);
}

const stop = async (proc) => {
  if (proc.exitCode !== null) return;
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
};

/** Cookie header from Set-Cookie lines (name=value pairs, merged over the existing jar). */
function jar(prev, res) {
  const m = new Map(prev ? prev.split('; ').map((c) => [c.split('=')[0], c]) : []);
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0];
    m.set(pair.split('=')[0], pair);
  }
  return [...m.values()].join('; ');
}

/** autocannon run; requests/s counts only answers with the expected status. */
function cannon(url, headers, expectStatus) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers }, (err, r) => {
      if (err) return reject(err);
      const ok = r.statusCodeStats?.[String(expectStatus)]?.count ?? 0;
      if (!ok) return reject(new Error(`${url}: no ${expectStatus} (${JSON.stringify(r.statusCodeStats)})`));
      resolve({
        rps: ok / duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        // Timeouts (10 s) and answers with another status.
        failed: r.errors + (r.requests.total - ok),
      });
    });
  });
}

/** One engine: our server and the bare baseline, the three variants. */
async function benchEngine(engineLabel, serverEnv) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-api-'));
  let ours = null;
  let bare = null;
  try {
    ours = await start([serverJs], {
      DATA_DIR: dir,
      LOGIN_RATE_LIMIT_MAX: '1000',
      DEMO_DATA: 'true',
      ...serverEnv,
    });
    const { base } = ours;
    // Sign in: session → CSRF token + cookie; login with x-csrf-token → session cookie.
    let res = await fetch(`${base}/api/auth/session`);
    const { csrfToken } = await res.json();
    let cookie = jar('', res);
    res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
      body: JSON.stringify({ email: 'admin@musterstadt.example', password: 'admin-demo-passwort' }),
    });
    if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
    const session = await res.json();
    cookie = jar(cookie, res);
    const tenantId = session.memberships.find((m) => m.slug === 'musterstadt')?.tenantId;
    res = await fetch(`${base}/api/tenants/${tenantId}/indicators`, { headers: { cookie } });
    const indicator = (await res.json()).find((i) => i.code === 'bevoelkerung_altersgruppen');
    if (!indicator) throw new Error('demo indicator bevoelkerung_altersgruppen not found');
    const obsUrl = `${base}/api/tenants/${tenantId}/indicators/${indicator.id}/observations`;
    // The two requests of the workbench's indicator page besides the whole indicator: the map (one
    // period: IndicatorPage asks for `periods`) and the time series of one area (`areas` + `dims`).
    const all = await (await fetch(obsUrl, { headers: { cookie } })).json();
    const first = all.observations[0];
    const latest = all.observations
      .map((o) => o.period)
      .toSorted()
      .at(-1);
    const dimsParam = Object.entries(first.dims)
      .map(([k, x]) => `${k}:${x}`)
      .join(',');
    const mapUrl = `${obsUrl}?periods=${latest}`;
    const seriesUrl = `${obsUrl}?areas=${first.areaId}&dims=${encodeURIComponent(dimsParam)}`;
    const variants = {};
    for (const [name, url] of [
      ['internal', obsUrl],
      ['public', `${obsUrl}?view=public`],
      ['map', mapUrl],
      ['series', seriesUrl],
    ]) {
      const r = await fetch(url, { headers: { cookie, 'accept-encoding': 'identity' } });
      const body = await r.text();
      const parsed = JSON.parse(body);
      variants[name] = {
        url,
        body,
        etag: r.headers.get('etag'),
        encoding: r.headers.get('content-encoding'),
        n: parsed.observations.length,
        suppressed: parsed.observations.filter((o) => o.suppressed).length,
      };
    }

    // The baseline: same Fastify and compression plugin, same bodies from memory, same ETag handling.
    const bodies = path.join(dir, 'bodies.json');
    fs.writeFileSync(
      bodies,
      JSON.stringify(Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, [v.body, v.etag]]))),
    );
    const bareJs = path.join(dir, 'bare.mjs');
    const nm = (p) => JSON.stringify(path.join(root, 'node_modules', p));
    fs.writeFileSync(
      bareJs,
      `import fs from 'node:fs';
     import Fastify from ${nm('fastify/fastify.js')};
     import compress from ${nm('@fastify/compress/index.js')};
     // Held as bytes, the cheapest form to send (DKBM keeps its cached bodies as bytes too).
     const bodies = Object.fromEntries(
       Object.entries(JSON.parse(fs.readFileSync(${JSON.stringify(bodies)}, 'utf8'))).map(([k, [b, e]]) => [k, [Buffer.from(b), e]]),
     );
     const app = Fastify();
     await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
     app.get('/healthz', async () => ({ status: 'ok' }));
     app.get('/observations/:view', async (req, reply) => {
       const [body, etag] = bodies[req.params.view];
       reply.header('etag', etag).header('cache-control', 'private, no-cache');
       if (req.headers['if-none-match'] === etag) return reply.status(304).send();
       return reply.type('application/json; charset=utf-8').send(body);
     });
     await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`,
    );
    bare = await start([bareJs], {});
    const check = await fetch(`${bare.base}/observations/internal`, {
      headers: { 'accept-encoding': 'identity' },
    });
    if ((await check.text()) !== variants.internal.body) throw new Error('baseline body differs');

    const v = variants.internal;
    say(
      `\nAPI on ${engineLabel}: ${connections} concurrent clients (autocannon, ${rounds} rounds × ${duration} s each, ours and bare alternating, medians; no Accept-Encoding → plain JSON from both servers; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    );
    say(
      `  GET …/indicators/bevoelkerung_altersgruppen/observations: internal ${v.n} observations, ${(v.body.length / 1024).toFixed(1)} KB` +
        ` (content-encoding ${v.encoding ?? 'none'}); public ${variants.public.n} observations (${variants.public.suppressed} suppressed), ${(variants.public.body.length / 1024).toFixed(1)} KB;` +
        ` ?periods=${latest}: ${variants.map.n} observations, ${(variants.map.body.length / 1024).toFixed(1)} KB; ?areas=…&dims=${dimsParam}: ${variants.series.n} observations, ${(variants.series.body.length / 1024).toFixed(1)} KB`,
    );
    // Warm-up: JIT, caches (the public view's disclosure-control cache), connection pools.
    for (const t of [obsUrl, `${obsUrl}?view=public`, mapUrl, seriesUrl]) {
      await new Promise((r) =>
        autocannon({ url: t, connections, duration: 2, headers: { cookie } }, () => r()),
      );
    }
    await new Promise((r) =>
      autocannon({ url: `${bare.base}/observations/internal`, connections, duration: 2 }, () => r()),
    );

    const cases = [
      ['internal view, 200', [obsUrl, { cookie }, 200], [`${bare.base}/observations/internal`, {}, 200]],
      [
        'internal view, If-None-Match → 304',
        [obsUrl, { cookie, 'if-none-match': v.etag }, 304],
        [`${bare.base}/observations/internal`, { 'if-none-match': v.etag }, 304],
      ],
      [
        'public view (disclosure control), 200',
        [`${obsUrl}?view=public`, { cookie }, 200],
        [`${bare.base}/observations/public`, {}, 200],
      ],
      [
        'map: one period (?periods=), 200',
        [mapUrl, { cookie }, 200],
        [`${bare.base}/observations/map`, {}, 200],
      ],
      [
        'time series: one area (?areas=&dims=), 200',
        [seriesUrl, { cookie }, 200],
        [`${bare.base}/observations/series`, {}, 200],
      ],
      [
        '(info) GET /api/auth/session vs /healthz',
        [`${base}/api/auth/session`, { cookie }, 200],
        [`${bare.base}/healthz`, {}, 200],
      ],
    ];
    say(
      `  ${'variant'.padEnd(44)} ${'DKBM req/s'.padStart(10)} ${'p50'.padStart(5)} ${'p99'.padStart(6)} fail   ${'bare req/s'.padStart(10)} ${'p50'.padStart(5)} ${'p99'.padStart(5)}   ratio (goal ≥ 0.5)`,
    );
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, procMb(ours.proc.pid))), 200);
    const median = (xs) => xs.toSorted((p, q) => p - q)[Math.floor(xs.length / 2)];
    for (const [label, a, b] of cases) {
      const xs = [];
      const ys = [];
      for (let i = 0; i < rounds; i++) {
        xs.push(await cannon(...a));
        ys.push(await cannon(...b));
      }
      const pick = (rs) => ({
        rps: median(rs.map((r) => r.rps)),
        p50: median(rs.map((r) => r.p50)),
        p99: median(rs.map((r) => r.p99)),
        failed: rs.reduce((n, r) => n + r.failed, 0),
      });
      const x = pick(xs);
      const y = pick(ys);
      const ratio = x.rps / y.rps;
      const spread = xs.map((r, i) => (r.rps / ys[i].rps).toFixed(2)).join(' ');
      say(
        `  ${label.padEnd(44)} ${x.rps.toFixed(0).padStart(10)} ${String(x.p50).padStart(5)} ${String(x.p99).padStart(6)} ${String(x.failed).padStart(4)}   ${y.rps.toFixed(0).padStart(10)} ${String(y.p50).padStart(5)} ${String(y.p99).padStart(5)}   ${ratio.toFixed(2)} ${label.startsWith('(info)') ? '   ' : ratio >= 0.5 ? 'ok ' : 'MISSED'} (rounds: ${spread})`,
      );
    }
    clearInterval(sampler);
    say(
      `  (latency in ms; fail = timeouts after 10 s or other status; DKBM server peak resident memory under load: ${peakRss.toFixed(0)} MB)`,
    );
  } finally {
    if (bare) await stop(bare.proc);
    if (ours) await stop(ours.proc);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const engines = arg('engines', 'pglite,postgres').split(',');
if (engines.includes('pglite'))
  await benchEngine('PGlite (fresh data folder, demo municipality)', { DATABASE_URL: '' });
if (engines.includes('postgres')) {
  const info = await postgresUrl();
  if (!info) {
    say(
      '\n!!! ÜBERSPRUNGEN / SKIPPED API on PostgreSQL: no TEST_DATABASE_URL and no server could be started !!!',
    );
  } else {
    const { default: pg } = await import('pg');
    const name = `dkbm_bench_${crypto.randomBytes(5).toString('hex')}`;
    const admin = async (q) => {
      const c = new pg.Client({ connectionString: info.url });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(info.url);
    u.pathname = `/${name}`;
    try {
      await benchEngine(`PostgreSQL (${u.host}, fresh database, demo municipality)`, {
        DATABASE_URL: u.toString(),
      });
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (info.started) execFileSync(path.join(root, 'scripts/pg-test-server.sh'), ['stop']);
    }
  }
}
