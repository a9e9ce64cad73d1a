import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** Names proxy-addr (Fastify's trustProxy) understands for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(v: string): boolean {
  if (PROXY_RANGE_NAMES.has(v) || net.isIP(v)) return true;
  const m = /^(.+)\/(\d{1,3})$/.exec(v);
  if (!m) return false;
  const family = net.isIP(m[1]!);
  return family !== 0 && Number(m[2]) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: which proxies in front of the server may set X-Forwarded-For (and -Proto, -Host).
 *   false / 0      no proxy: the client address is the connection's address
 *   true           one proxy (the same as 1): the address that proxy appended to X-Forwarded-For. Never
 *                  "trust everything", which would take the left-most, client-controlled address.
 *   <number>       that many proxies in a row (hops)
 *   <list>         the proxies' addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1,10.0.0.0/8;
 *                  also loopback, linklocal, uniquelocal)
 */
const trustProxySchema = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    const lower = v.toLowerCase();
    if (['', 'false', 'no', 'off', '0'].includes(lower)) return false;
    if (['true', 'yes', 'on'].includes(lower)) return 1;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v.split(',').map((x) => x.trim());
    const bad = list.filter((x) => !isAddressOrRange(x));
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message:
          `erwartet false, true, eine Anzahl von Proxys oder Proxy-Adressen/CIDR-Bereiche mit Komma getrennt; ` +
          `ungültig: ${bad.slice(0, 3).join(', ')}`.slice(0, 300),
      });
      return z.NEVER;
    }
    return list;
  });

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: trustProxySchema.default(false),
  LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(10),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  DEMO_DATA: bool.optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_AUTO_CREATE: bool.default(false),
  READ_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  PUBLIC_PAGE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
});

export type Config = {
  env: string;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  sessionIdleMs: number;
  cookieSecure: 'auto' | boolean;
  /** Proxies trusted for X-Forwarded-For: none, a number of hops, or addresses/CIDR ranges. */
  trustProxy: false | number | string[];
  loginRateLimit: { max: number; windowMs: number };
  /** Create the demo municipality on first start (default: on for PGlite, off for PostgreSQL). */
  demoData: boolean;
  /** How long other processes' changes may go unseen by the read cache (0: no cache). */
  readCacheTtlMs: number;
  /** How long a public page may miss other processes' changes (this server's own: never; 0: no page cache). */
  publicPageTtlMs: number;
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string | undefined;
    scopes: string;
    autoCreate: boolean;
  } | null;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Ungültige Konfiguration (Umgebungsvariablen):\n${lines}`);
  }
  const e = parsed.data;
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET,
          scopes: e.OIDC_SCOPES,
          autoCreate: e.OIDC_AUTO_CREATE,
        }
      : null;
  const databaseUrl = e.DATABASE_URL || undefined;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    loginRateLimit: { max: e.LOGIN_RATE_LIMIT_MAX, windowMs: e.LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000 },
    demoData: e.DEMO_DATA ?? !databaseUrl,
    readCacheTtlMs: e.READ_CACHE_TTL_MS,
    publicPageTtlMs: e.PUBLIC_PAGE_TTL_MS,
    oidc,
    ...overrides,
  };
}

/** Folder of the embedded database inside the data directory. */
export const pgliteDirOf = (dataDir: string) => path.join(dataDir, 'pgdata');
