import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { validationProblem } from '@dkbm/contract';

/** An error with a stable code and a German message, sent to clients as `{ error, message, details }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Die angeforderte Ressource') =>
  new HttpError(404, 'not_found', `${what} wurde nicht gefunden.`);
export const forbidden = () =>
  new HttpError(403, 'forbidden', 'Sie haben keine Berechtigung für diese Aktion.');
export const unauthorized = () => new HttpError(401, 'unauthorized', 'Bitte melden Sie sich an.');
export const conflict = (message: string, details?: unknown) =>
  new HttpError(409, 'conflict', message, details);
export const badRequest = (message: string, details?: unknown) =>
  new HttpError(400, 'bad_request', message, details);

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    if (err instanceof HttpError) {
      return reply
        .status(err.statusCode)
        .send({ error: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // German through the contract's central mapping (field names and zod's error map).
      const { message, details } = validationProblem(
        err.validationContext ?? 'body',
        err.validation.map((v) => ({
          path: String(v.instancePath).split('/').filter(Boolean),
          message: v.message ?? '',
        })),
      );
      return reply.status(400).send({ error: 'validation', message, details });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: { message: err.message } }, 'response did not match its schema');
      return reply.status(500).send({ error: 'internal', message: 'Interner Fehler bei der Antwort.' });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    const code = (err as FastifyError).code ?? '';
    if (code === 'FST_CSRF_FOREIGN_ORIGIN') {
      return reply.status(403).send({
        error: 'csrf',
        message: 'Die Anfrage kam von einer anderen Website und wurde abgelehnt.',
      });
    }
    if (code.startsWith('FST_CSRF')) {
      return reply.status(403).send({
        error: 'csrf',
        message: 'Das Sicherheitstoken (CSRF) fehlt oder ist ungültig. Bitte laden Sie die Seite neu.',
      });
    }
    if (status === 429) {
      return reply.status(429).send({
        error: 'rate_limited',
        message: 'Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut.',
      });
    }
    if (
      code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      status === 400
    ) {
      return reply.status(400).send({ error: 'bad_request', message: 'Die Anfrage ist fehlerhaft.' });
    }
    if (status === 413) {
      return reply.status(413).send({ error: 'too_large', message: 'Die Anfrage ist zu groß.' });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: 'bad_request', message: 'Die Anfrage ist fehlerhaft.' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({
      error: 'internal',
      message: `Ein interner Fehler ist aufgetreten (Anfrage ${req.id}).`,
    });
  });
}
