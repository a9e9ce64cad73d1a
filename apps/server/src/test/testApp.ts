import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../platform/config/config';
import { createTestDatabase, type TestDatabase } from './testDb';

export interface TestContext {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** Every log line the app wrote (JSON strings), for checks that no personal data is logged. */
  logs: string[];
  client(): TestClient;
  /** A client that is already signed in. */
  signIn(email: string, password: string): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * An HTTP client against the app (via inject) that keeps cookies and the CSRF token like a browser.
 */
export class TestClient {
  cookies = new Map<string, string>();
  csrfToken: string | null = null;
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const body = res.headers['content-type']?.toString().includes('json') ? safeJson(res.body) : null;
    if (body && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string') {
      this.csrfToken = body.csrfToken;
    }
  }

  async request(opts: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const method = (opts.method ?? 'GET').toString().toUpperCase();
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const wantsCsrf = opts.csrf ?? !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (wantsCsrf) {
      if (!this.csrfToken) await this.session();
      headers['x-csrf-token'] = this.csrfToken!;
      headers.cookie = this.cookieHeader();
    }
    const res = await this.app.inject({ ...opts, method: method as never, headers });
    this.keep(res);
    return res;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload: unknown = {}, extra: { csrf?: boolean } = {}) {
    return this.request({ method: 'POST', url, payload: payload as never, ...extra });
  }
  patch(url: string, payload: unknown = {}, extra: { csrf?: boolean } = {}) {
    return this.request({ method: 'PATCH', url, payload: payload as never, ...extra });
  }
  put(url: string, payload: unknown = {}, extra: { csrf?: boolean } = {}) {
    return this.request({ method: 'PUT', url, payload: payload as never, ...extra });
  }
  delete(url: string, extra: { csrf?: boolean } = {}) {
    return this.request({ method: 'DELETE', url, ...extra });
  }
  /** Upload one file as multipart/form-data (field `file`), like a browser form. */
  upload(url: string, fileName: string, bytes: Uint8Array | string) {
    const boundary = `----dkbm${Math.random().toString(16).slice(2)}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }
  async session() {
    const res = await this.request({ method: 'GET', url: '/api/auth/session', csrf: false });
    return res.json() as {
      user: { id: string } | null;
      memberships: Array<{ tenantId: string; slug: string; role: string }>;
    };
  }
  async login(email: string, password: string) {
    return this.post('/api/auth/login', { email, password });
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** App on a fresh database of the engine under test, with the demo municipality unless `seed: false`. */
export async function createTestApp(
  opts: { seed?: boolean; config?: Partial<Config>; onRoute?: (route: RouteOptions) => void } = {},
): Promise<TestContext> {
  const database = await createTestDatabase({ seeded: opts.seed !== false });
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'info', DATA_DIR: '/nonexistent-test-data-dir' },
    { databaseUrl: undefined, demoData: false, ...opts.config },
  );
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const app = await buildApp({
    config,
    database,
    logStream,
    ...(opts.onRoute ? { onRoute: opts.onRoute } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    config,
    logs,
    client: () => new TestClient(app),
    async signIn(email, password) {
      const c = new TestClient(app);
      const res = await c.login(email, password);
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      return c;
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

export const DEMO = {
  admin: { email: 'admin@musterstadt.example', password: 'admin-demo-passwort' },
  editor: { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' },
  contributor: { email: 'fachbereich@musterstadt.example', password: 'fachbereich-demo-passwort' },
  viewer: { email: 'politik@musterstadt.example', password: 'politik-demo-passwort' },
  provider: { email: 'anbieter@musterstadt.example', password: 'anbieter-demo-passwort' },
  platform: { email: 'plattform@dkbm.example', password: 'plattform-demo-passwort' },
} as const;
