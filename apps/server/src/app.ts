import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { eq } from 'drizzle-orm';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './platform/config/config';
import type { Database } from './platform/db/client';
import { systemSettings } from './platform/db/schema';
import { loggerOptions } from './platform/logging/logger';
import { registerErrorHandling } from './platform/http/errors';
import { authPlugin, isSafeMethod } from './platform/auth/plugin';
import { CSRF_COOKIE, csrfBinding, csrfCheck, csrfHmacKey } from './platform/auth/csrf';
import { ReadCache } from './platform/cache/readCache';
import { JobQueue } from './platform/jobs/jobs';
import { MAX_UPLOAD_BYTES } from './platform/http/uploads';
import { registerModules } from './platform/modules/register';
import type { ServerModule } from './platform/modules/module';
import { faviconSvg, renderPublicNotFound } from '@dkbm/web/ssr';
import { langOf, PUBLIC_CSS_HREF, webDistDir } from './platform/http/publicPage';
import { answerCachedPagesEarly } from './platform/http/earlyAnswer';
import { modules as registry } from './modules';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Pino destination for tests; default stdout. */
  logStream?: NodeJS.WritableStream;
  /** The modules to mount; default the registry (modules/index.ts). Tests pass their own. */
  modules?: readonly ServerModule[];
  /** Called for every route as it is registered (tests collect the routes). */
  onRoute?: (route: RouteOptions) => void;
}

/** Secret for signing cookies: from COOKIE_SECRET, else generated once and kept in the database. */
async function cookieSecret(database: Database): Promise<string> {
  if (process.env.COOKIE_SECRET) return process.env.COOKIE_SECRET;
  const db = database.db;
  const found = await db
    .select()
    .from(systemSettings)
    .where(eq(systemSettings.key, 'cookie_secret'))
    .limit(1);
  if (found[0]) return found[0].value;
  const value = crypto.randomBytes(32).toString('base64url');
  await db.insert(systemSettings).values({ key: 'cookie_secret', value }).onConflictDoNothing();
  const again = await db
    .select()
    .from(systemSettings)
    .where(eq(systemSettings.key, 'cookie_secret'))
    .limit(1);
  return again[0]!.value;
}

/**
 * Fastify's trustProxy for TRUST_PROXY (see config.ts): a number of hops as a function (Fastify's types
 * lack the number form), addresses as they are. Never `true`, which would trust every hop and so take
 * the left-most, client-controlled X-Forwarded-For address.
 */
function trustProxyOption(
  t: Config['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof t === 'number') return (_address, hop) => hop < t;
  return t;
}

export async function buildApp({
  config,
  database,
  logStream,
  modules = registry,
  onRoute,
}: BuildOptions): Promise<FastifyInstance> {
  const logger = loggerOptions(config.logLevel);
  const app = Fastify({
    logger: logStream && logger && typeof logger === 'object' ? { ...logger, stream: logStream } : logger,
    trustProxy: trustProxyOption(config.trustProxy),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[\w-]{8,64}$/.test(h) ? h : crypto.randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  if (onRoute) app.addHook('onRoute', onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const cache = new ReadCache(config.readCacheTtlMs);
  app.decorate('ctx', { config, database, db: database.db, cache });
  // This process's changes are seen at once: every state-changing request empties the read cache
  // before its answer goes out, and so does every background job when it ends. Every answer carries
  // its request id. (One synchronous hook: this runs on every request.)
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!isSafeMethod(req.method)) cache.invalidate();
    reply.header('x-request-id', req.id);
    done(null, payload);
  });
  const jobs = new JobQueue(database, app.log, { onJobEnd: () => cache.invalidate() });
  for (const m of modules) m.jobs?.(jobs, database);
  for (const m of modules) await m.onStart?.(database);
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());

  registerErrorHandling(app);

  // Security headers (helmet), built once: @fastify/helmet re-parsed the whole configuration on every
  // request, about 5 % of an API request's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.cookieSecure === true ? { maxAge: 31536000 } : false,
  });
  // Cached public pages for anonymous readers: answered before every other hook (earlyAnswer.ts).
  answerCachedPagesEarly(app, securityHeaders);
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  const secret = await cookieSecret(database);
  await app.register(cookie, { secret });
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      signed: true,
      secure: config.cookieSecure === true,
    },
    // Tokens bound to the session, anonymous use or a rater link (see platform/auth/csrf.ts).
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: csrfHmacKey(secret) },
  });
  await app.register(rateLimit, {
    global: false,
    // Counters per route, least recently used forgotten first: enough that flooding with new keys
    // cannot push a counter out within its window.
    cache: 100_000,
    errorResponseBuilder: () => ({
      statusCode: 429,
      error: 'rate_limited',
      message: 'Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut.',
    }),
  });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(authPlugin);

  // CSRF protection on every state-changing request: no other site's requests, and a token bound to
  // the session.
  const checkCsrf = csrfCheck(app);
  app.addHook('onRequest', (req, reply, done) => {
    if (isSafeMethod(req.method) || req.routeOptions.config?.skipCsrf) return done();
    checkCsrf(req, reply, done);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'DKBM-Plattform API',
        description:
          'Programmierschnittstelle der Plattform für datenbasiertes kommunales Bildungsmanagement. ' +
          'Fehler haben die Form `{ "error": Code, "message": deutscher Text, "details": … }`. ' +
          'Zustandsändernde Anfragen benötigen das CSRF-Token aus `GET /api/auth/session` im Header `x-csrf-token`.',
        version: '0.1.0',
      },
      tags: modules.flatMap((m) => m.tags),
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets style attributes from its script: allow inline styles as the rest of the app does
    // (no CSP violation in the console), no style sheets from elsewhere, and no forced https (the server
    // may run behind plain http in an intranet).
    transformStaticCSP: (header) =>
      header
        .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
        .replace(/\s*upgrade-insecure-requests;?/, ''),
    uiConfig: { docExpansion: 'list' },
  });

  await registerModules(app, modules);

  // The workbench (single-page app) under /app.
  const dist = webDistDir();
  if (dist) {
    await app.register(fastifyStatic, {
      root: path.join(dist, 'assets'),
      prefix: '/app/assets/',
      immutable: true,
      maxAge: '365d',
      decorateReply: true,
    });
    const indexHtml = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const sendIndex = async (_req: unknown, reply: import('fastify').FastifyReply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    app.get('/app', { schema: { hide: true } }, sendIndex);
    app.get('/app/*', { schema: { hide: true } }, sendIndex);
  } else {
    app.get('/app/*', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Der Arbeitsbereich ist nicht gebaut. Bitte `npm run build` ausführen.'),
    );
  }

  // The icon of every page; /favicon.ico too, which browsers ask for on their own.
  for (const url of ['/favicon.svg', '/favicon.ico']) {
    app.get(url, { schema: { hide: true } }, (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=86400')
        .type('image/svg+xml; charset=utf-8')
        .send(faviconSvg),
    );
  }

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !(req.headers.accept ?? '').includes('text/html')) {
      return reply.status(404).send({ error: 'not_found', message: 'Die Adresse wurde nicht gefunden.' });
    }
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        renderPublicNotFound({
          lang: langOf(req),
          cssHref: PUBLIC_CSS_HREF,
          path: req.url.split('?')[0] ?? '/',
        }),
      );
  });

  return app;
}
