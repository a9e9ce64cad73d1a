// Benchmark: served size of the public landing page (HTML + CSS, compressed as served, JavaScript required:
// 0 KB) and its cache headers. Baseline in the same run: the same bytes uncompressed.
// Usage: npm run bench -- landing
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { root, say } from './lib.mjs';

const kb = (n) => (n / 1024).toFixed(1) + ' KB';

const port = await new Promise((res) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-landing-'));
const proc = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
  env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  // Node's fetch decompresses transparently; use raw http to see the bytes on the wire.
  const { request } = await import('node:http');
  const get = (url, enc) =>
    new Promise((resolve, reject) => {
      request(url, { headers: enc ? { 'accept-encoding': enc } : {} }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  const page = `${base}/kommune/musterstadt`;
  const plain = await get(page);
  const html = plain.bytes.toString('utf8');
  const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(html)[1];
  const scripts = (html.match(/<script\b/g) ?? []).length;
  const cssPlain = await get(base + cssHref);
  const results = {};
  for (const enc of ['br', 'gzip']) {
    const h = await get(page, enc);
    const c = await get(base + cssHref, enc);
    results[enc] = {
      html: h.bytes.length,
      htmlEnc: h.headers['content-encoding'] ?? 'none',
      css: c.bytes.length,
      cssEnc: c.headers['content-encoding'] ?? 'none',
    };
  }
  const total = plain.bytes.length + cssPlain.bytes.length;
  say('public landing page /kommune/musterstadt');
  say(
    `  uncompressed (baseline): HTML ${kb(plain.bytes.length)} + CSS ${kb(cssPlain.bytes.length)} = ${kb(total)}`,
  );
  for (const [enc, r] of Object.entries(results)) {
    say(
      `  ${enc.padEnd(5)}: HTML ${kb(r.html)} (${r.htmlEnc}) + CSS ${kb(r.css)} (${r.cssEnc}) = ${kb(r.html + r.css)}   ratio ${((r.html + r.css) / total).toFixed(2)}`,
    );
  }
  say(
    `  JavaScript required: ${scripts === 0 ? '0 KB (no <script> elements)' : `${scripts} script elements!`}`,
  );
  say(`  cache-control HTML: ${plain.headers['cache-control']}; CSS: ${cssPlain.headers['cache-control']}`);
} finally {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
}
