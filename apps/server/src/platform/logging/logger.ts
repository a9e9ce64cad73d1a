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
    },
  };
}
