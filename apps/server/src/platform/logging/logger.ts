import type { FastifyServerOptions } from 'fastify';

/**
 * pino options for Fastify. Requests are logged with method, route and status only: no headers,
 * cookies, query strings, IP addresses or bodies, so that no personal data reaches the logs.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    base: undefined,
    redact: {
      paths: ['password', '*.password', 'email', '*.email', 'token', '*.token'],
      censor: '[entfernt]',
    },
    serializers: {
      req(req: { method: string; url: string; routeOptions?: { url?: string } }) {
        // The route pattern only: concrete paths may carry tokens (invitation and reset links).
        return { method: req.method, route: req.routeOptions?.url ?? '(keine Route)' };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
      err: serializeError,
    },
  };
}

interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  cause?: unknown;
}

/** First line of an error message, without the parameter list drizzle appends. */
const firstLine = (m: unknown) =>
  String(m ?? '')
    .split('\n')[0]!
    .replace(/\s*params:.*$/s, '');

/**
 * Errors without the values they may carry: database errors name the failed SQL and its parameters
 * (e-mail addresses, names, password hashes) and a `detail` with the conflicting key. Only the type,
 * the first message line without parameters, SQLSTATE, constraint, table and the call stack remain.
 */
export function serializeError(err: unknown): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  if (!err || typeof err !== 'object') return { type: typeof err, message: String(err), stack: '' };
  const e = err as ErrorLike;
  const cause = (e.cause && typeof e.cause === 'object' ? e.cause : e) as ErrorLike;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  const out: { type: string; message: string; stack: string; [key: string]: unknown } = {
    type: e.name ?? (err as object).constructor?.name ?? 'Error',
    message: firstLine(e.message),
    stack: frames.slice(0, 12).join('\n'),
  };
  if (cause !== e) out.cause = firstLine(cause.message);
  for (const k of ['code', 'constraint', 'table', 'column'] as const) {
    const v = cause[k] ?? e[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}
