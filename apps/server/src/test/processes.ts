import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Helpers for tests that run the BUILT server and CLI as real processes (npm run build first). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SERVER_JS = path.join(ROOT, 'apps/server/dist/main.js');
export const CLI_JS = path.join(ROOT, 'apps/server/dist/cli.js');

export function assertBuilt(): void {
  if (!fs.existsSync(SERVER_JS) || !fs.existsSync(CLI_JS)) {
    throw new Error('Server ist nicht gebaut: zuerst `npm run build` ausführen.');
  }
}

/** Resident memory of a live process from /proc, in MB (0 once it has gone). */
export function procMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024;
  } catch {
    return 0;
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dkbm-${prefix}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

const baseEnv = (extra: Record<string, string | undefined>) => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL') env[k] = v;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
};

export async function startServer(
  env: { DATA_DIR?: string; DATABASE_URL?: string; [k: string]: string | undefined },
  opts: { waitHealthy?: boolean } = {},
): Promise<ServerProcess> {
  assertBuilt();
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, [SERVER_JS], {
    cwd: ROOT,
    env: baseEnv({ LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const s: ServerProcess = { proc, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
  if (opts.waitHealthy !== false) await waitHealthy(s);
  return s;
}

export async function waitHealthy(s: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let done = false;
  void s.exited.then(() => (done = true));
  while (Date.now() < until) {
    if (done) throw new Error(`Server beendet sich vorzeitig:\n${s.output()}`);
    try {
      const r = await fetch(`${s.url}/healthz`);
      if (r.status === 200) return;
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Server nicht bereit nach ${timeoutMs} ms:\n${s.output()}`);
}

export async function stopServer(
  s: ServerProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill(signal);
  return s.exited;
}

export function runCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; input?: string } = {},
): { code: number | null; stdout: string; stderr: string } {
  assertBuilt();
  const r = spawnSync(process.execPath, [CLI_JS, ...args], {
    cwd: ROOT,
    env: baseEnv({ LOG_LEVEL: 'warn', ...opts.env }),
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Minimal browser-like HTTP client against a running server (cookies + CSRF). */
export class HttpSession {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  async req(
    method: string,
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      ...extra,
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (method !== 'GET') {
      if (!this.csrf) await this.refresh();
      headers['x-csrf-token'] = this.csrf;
      headers['content-type'] = 'application/json';
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const res = await fetch(this.base + url, {
      method,
      headers,
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }
  /** A file upload as multipart/form-data (field `file`). */
  async upload(url: string, fileName: string, bytes: Uint8Array): Promise<Response> {
    if (!this.csrf) await this.refresh();
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(bytes)]), fileName);
    const res = await fetch(this.base + url, {
      method: 'POST',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': this.csrf,
      },
      body: form,
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }
  async refresh() {
    const res = await this.req('GET', '/api/auth/session');
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
  async login(email: string, password: string, headers: Record<string, string> = {}): Promise<number> {
    const res = await this.req('POST', '/api/auth/login', { email, password }, headers);
    if (res.status === 200) this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return res.status;
  }
}
