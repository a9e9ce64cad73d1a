import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../../platform/auth/tokens';
import { csrfCheck, issueCsrfToken } from '../../platform/auth/csrf';
import { PUBLIC_CSS_HREF } from '../../platform/http/publicPage';
import {
  MAX_EVIDENCE_BYTES,
  answersOf,
  attachEvidence,
  contentOf,
  evidenceType,
  externalParticipant,
  getInstrument,
  missingComponents,
  removeEvidence,
  saveAnswer,
  submitAnswers,
  type ParticipantRow,
  type RoundRow,
} from './assessment.service';
import {
  renderExternalForm,
  renderExternalMessage,
  valuesFromAnswers,
  type FormValues,
  type PageStatus,
} from './external.page';
import type { InstrumentContent } from '@dkbm/contract';

/*
 * Answering by personal link, without an account and without JavaScript:
 *   GET  /einschaetzung/:token  the form with the saved answers (or a read-only view when not open)
 *   POST /einschaetzung/:token  multipart/form-data (the form, with an optional evidence file per
 *                               component) or application/x-www-form-urlencoded; „Zwischenspeichern“ or
 *                               „Abschließen“, then 303 back to the form with a status message (PRG)
 * The token in the URL is the credential (only its SHA-256 hash is stored). CSRF: the global onRequest
 * hook runs before the body is parsed, so these routes skip it and check the hidden `_csrf` field in a
 * preHandler (double submit with the signed `dkbm_csrf` cookie set by the GET, bound to the link's
 * participant). Rate-limited per address, and submissions also per link.
 * Evidence files have the limits and checks of the workbench upload (≤ 10 MB, PDF/images/office by name
 * and content); one request carries at most MAX_FORM_UPLOAD_BYTES of files in all.
 */

const HTML = 'text/html; charset=utf-8';
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
export const EXTERNAL_RATE_LIMIT = { max: 30, timeWindow: 60_000 };
/** Submissions of one link per hour, from whatever address (a rater saves a few dozen times at most). */
export const EXTERNAL_SUBMISSIONS_PER_LINK = { max: 60, timeWindow: 3600_000 };

interface Loaded {
  participant: ParticipantRow;
  round: RoundRow;
  tenantName: string;
  instrument: InstrumentContent;
  scope: TenantScope;
}

function noStore(reply: FastifyReply) {
  reply
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'no-referrer');
}

const notFoundPage = () =>
  renderExternalMessage({
    cssHref: PUBLIC_CSS_HREF,
    title: 'Dieser Link ist nicht gültig',
    text:
      'Der Link zur Selbsteinschätzung kann nicht verwendet werden. Bitte wenden Sie sich an das Bildungsbüro, ' +
      'das Sie eingeladen hat.',
  });

type Body = Record<string, string | string[] | undefined>;

/** All files of one form post together (each file ≤ 10 MB, like the workbench). */
export const MAX_FORM_UPLOAD_BYTES = 30 * 1024 * 1024;

interface Upload {
  /** Component key from the field name `datei_<key>`. */
  key: string;
  name: string;
  bytes: Buffer;
  /** Larger than 10 MB (the content is dropped). */
  tooLarge: boolean;
}
interface ParsedForm {
  uploads: Upload[];
  /** The files of the post together were larger than MAX_FORM_UPLOAD_BYTES. */
  totalTooLarge: boolean;
}
const parsedForms = new WeakMap<FastifyRequest, ParsedForm>();

/**
 * Reads a multipart post into `req.body` (fields) and the uploads kept for the handler. Files whose
 * field is not `datei_<key>`, empty file inputs and anything past the limits are read to the end and
 * dropped.
 */
async function readMultipart(req: FastifyRequest): Promise<void> {
  const body: Body = {};
  const form: ParsedForm = { uploads: [], totalTooLarge: false };
  let total = 0;
  // throwFileSizeLimit (read by @fastify/multipart, missing in its types): a larger file is cut off and
  // marked `truncated`, so the page can name it instead of failing the whole post.
  const options = {
    limits: { fileSize: MAX_EVIDENCE_BYTES, files: 20, fields: 200, fieldSize: 64 * 1024 },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0];
  for await (const part of req.parts(options)) {
    if (part.type === 'field') {
      if (typeof part.value === 'string' && body[part.fieldname] === undefined) {
        body[part.fieldname] = part.value;
      }
      continue;
    }
    const key = /^datei_([a-z0-9_]{1,60})$/.exec(part.fieldname)?.[1];
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (key && part.filename && total + size <= MAX_FORM_UPLOAD_BYTES) chunks.push(chunk);
    }
    if (!key || !part.filename) continue;
    total += size;
    if (total > MAX_FORM_UPLOAD_BYTES) form.totalTooLarge = true;
    form.uploads.push({
      key,
      name: part.filename,
      bytes: Buffer.concat(chunks),
      tooLarge: part.file.truncated,
    });
  }
  req.body = body;
  parsedForms.set(req, form);
}
const field = (body: Body, name: string): string => {
  const v = body[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

/** The form's CSRF tokens are bound to the participant of the link (ADR 0007), not to a session. */
const raterBinding = (req: FastifyRequest) =>
  `teilnahme:${hashToken(String((req.params as { token?: unknown }).token ?? ''))}`;

export async function externalRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;
  const submissionsPerLink = app.createRateLimit({
    ...EXTERNAL_SUBMISSIONS_PER_LINK,
    keyGenerator: (req) => `submissions|${raterBinding(req)}`,
  });

  async function load(token: string): Promise<Loaded | null> {
    if (!TOKEN.test(token)) return null;
    const found = await externalParticipant(db, hashToken(token));
    if (!found) return null;
    // Everything this link may reach lies in the tenant of its round.
    const scope = tenantScope(db, found.participant.tenantId);
    const instrument = contentOf(await getInstrument(scope, found.round.instrumentId));
    return { ...found, instrument, scope };
  }

  function page(
    reply: FastifyReply,
    l: Loaded,
    token: string,
    opts: {
      values: Record<string, FormValues>;
      status?: PageStatus;
      errors?: Array<[string, string]>;
      notice?: string | null;
    },
  ) {
    noStore(reply);
    return reply.type(HTML).send(
      renderExternalForm({
        cssHref: PUBLIC_CSS_HREF,
        action: `/einschaetzung/${token}`,
        csrfToken:
          l.round.status === 'open' ? issueCsrfToken(reply.request, reply, config.cookieSecure) : null,
        tenantName: l.tenantName,
        label: l.participant.label ?? '',
        round: l.round,
        instrument: l.instrument,
        values: opts.values,
        submittedAt: l.participant.submittedAt,
        status: opts.status ?? null,
        errors: opts.errors ?? [],
        notice: opts.notice ?? null,
      }),
    );
  }

  /** Values posted in the form (for re-rendering after an error), with the files saved so far. */
  async function postedValues(l: Loaded, body: Body): Promise<Record<string, FormValues>> {
    const saved = valuesFromAnswers(await answersOf(l.scope, l.participant.id));
    const out: Record<string, FormValues> = {};
    for (const c of l.instrument.components) {
      out[c.key] = {
        choice: field(body, `typ_${c.key}`),
        comment: field(body, `kommentar_${c.key}`),
        evidenceUrl: field(body, `nachweis_${c.key}`),
        file: saved[c.key]?.file ?? null,
      };
    }
    return out;
  }

  /** HTML answers for errors of these routes (CSRF, rate limit, anything else), never JSON. */
  async function errorHandler(
    this: FastifyInstance,
    err: FastifyError,
    req: FastifyRequest,
    reply: FastifyReply,
  ) {
    noStore(reply);
    const status = err.statusCode ?? 500;
    if (status === 429) {
      return reply
        .status(429)
        .type(HTML)
        .send(
          renderExternalMessage({
            cssHref: PUBLIC_CSS_HREF,
            title: 'Zu viele Anfragen',
            text: 'Bitte warten Sie eine Minute und laden Sie die Seite dann neu.',
          }),
        );
    }
    const token = String((req.params as { token?: unknown }).token ?? '');
    if ((err.code ?? '').startsWith('FST_CSRF')) {
      const l = await load(token).catch(() => null);
      if (!l) return reply.status(404).type(HTML).send(notFoundPage());
      // Nothing was saved: show the posted values again with a fresh token.
      reply.status(403);
      return page(reply, l, token, {
        values:
          l.round.status === 'open'
            ? await postedValues(l, (req.body ?? {}) as Body)
            : valuesFromAnswers(await answersOf(l.scope, l.participant.id)),
        notice:
          'Das Formular war zu lange geöffnet oder die Sitzung ist abgelaufen. Ihre Angaben wurden noch nicht gespeichert: Bitte senden Sie das Formular erneut.',
      });
    }
    if (status === 400 || status === 413 || status === 415) {
      return reply
        .status(status)
        .type(HTML)
        .send(
          renderExternalMessage({
            cssHref: PUBLIC_CSS_HREF,
            title: 'Die Anfrage ist fehlerhaft',
            text: 'Bitte öffnen Sie den Link erneut und senden Sie das Formular noch einmal.',
          }),
        );
    }
    req.log.error({ err }, 'external assessment page failed');
    return reply
      .status(500)
      .type(HTML)
      .send(
        renderExternalMessage({
          cssHref: PUBLIC_CSS_HREF,
          title: 'Ein Fehler ist aufgetreten',
          text: `Bitte versuchen Sie es später erneut (Anfrage ${req.id}).`,
        }),
      );
  }

  app.get<{ Params: { token: string }; Querystring: { status?: string } }>(
    '/einschaetzung/:token',
    {
      schema: { hide: true },
      config: { access: 'token', rateLimit: EXTERNAL_RATE_LIMIT, csrfBinding: raterBinding },
      errorHandler,
    },
    async (req, reply) => {
      const l = await load(req.params.token);
      if (!l) {
        noStore(reply);
        return reply.status(404).type(HTML).send(notFoundPage());
      }
      const s = req.query.status;
      return page(reply, l, req.params.token, {
        values: valuesFromAnswers(await answersOf(l.scope, l.participant.id)),
        status: s === 'gespeichert' ? 'saved' : s === 'abgeschlossen' ? 'submitted' : null,
        errors:
          s === 'unvollstaendig' && l.round.status === 'open'
            ? missingComponents(l.instrument, await answersOf(l.scope, l.participant.id)).map(
                (c) =>
                  [
                    `typ_${c.key}_1`,
                    `${c.name}: Bitte wählen Sie einen Typ oder „kann ich nicht einschätzen“, um abzuschließen.`,
                  ] as [string, string],
              )
            : [],
      });
    },
  );

  app.post<{ Params: { token: string }; Body: Body }>(
    '/einschaetzung/:token',
    {
      schema: { hide: true },
      config: { access: 'token', skipCsrf: true, rateLimit: EXTERNAL_RATE_LIMIT, csrfBinding: raterBinding },
      errorHandler,
      preHandler: [
        async (req) => {
          const limit = await submissionsPerLink(req);
          if (!limit.isAllowed && limit.isExceeded) {
            throw Object.assign(new Error('submissions per link exceeded'), { statusCode: 429 });
          }
          if (req.isMultipart()) await readMultipart(req);
        },
        // After the body is read: the hidden _csrf field against the signed cookie, bound to this
        // link's participant; no other site's posts. Nothing is stored unless it matches.
        csrfCheck(app),
      ],
    },
    async (req, reply) => {
      const token = req.params.token;
      const l = await load(token);
      if (!l) {
        noStore(reply);
        return reply.status(404).type(HTML).send(notFoundPage());
      }
      if (l.round.status !== 'open') {
        // Closed (or not yet open): nothing is saved; the page says why.
        return reply.redirect(`/einschaetzung/${token}`, 303);
      }
      const body = (req.body ?? {}) as Body;
      const values = await postedValues(l, body);
      const errors: Array<[string, string]> = [];
      const form = parsedForms.get(req) ?? { uploads: [], totalTooLarge: false };
      const files: Array<{ key: string; name: string; mime: string; bytes: Uint8Array }> = [];
      const inputs = l.instrument.components.map((c) => {
        const v = values[c.key]!;
        if (v.choice && !/^[1-4x]$/.test(v.choice)) {
          errors.push([`typ_${c.key}_1`, `${c.name}: Bitte wählen Sie eine der angebotenen Möglichkeiten.`]);
        }
        const url = v.evidenceUrl.trim();
        if (url && (!/^https?:\/\/\S+$/i.test(url) || url.length > 1000)) {
          errors.push([
            `nachweis_${c.key}`,
            `${c.name}: Der Link zum Nachweis muss mit http:// oder https:// beginnen.`,
          ]);
        }
        if (v.comment.length > 4000) {
          errors.push([`kommentar_${c.key}`, `${c.name}: Der Kommentar ist länger als 4000 Zeichen.`]);
        }
        const upload = form.uploads.find((u) => u.key === c.key);
        if (upload) {
          const problem = form.totalTooLarge
            ? `Die Dateien sind zusammen größer als ${MAX_FORM_UPLOAD_BYTES / 1024 / 1024} MB; bitte laden Sie sie einzeln hoch.`
            : upload.tooLarge
              ? 'Die Datei ist größer als 10 MB.'
              : upload.bytes.byteLength === 0
                ? 'Die Datei ist leer.'
                : null;
          const mime = problem ? null : evidenceType(upload.name, upload.bytes);
          if (problem || !mime) {
            errors.push([
              `datei_${c.key}`,
              `${c.name}, Datei „${upload.name.slice(0, 80)}“: ${
                problem ??
                'Als Nachweis sind PDF-Dateien, Bilder (PNG, JPEG, GIF, WebP) und Office-Dokumente (Word, Excel, PowerPoint, OpenDocument) möglich.'
              } Bitte wählen Sie die Datei erneut aus.`,
            ]);
          } else {
            files.push({ key: c.key, name: upload.name, mime, bytes: upload.bytes });
          }
        }
        return { key: c.key, v, url, remove: field(body, `datei_entfernen_${c.key}`) === '1' };
      });
      if (errors.length) {
        reply.status(400);
        return page(reply, l, token, { values, errors });
      }
      const existing = new Set((await answersOf(l.scope, l.participant.id)).map((a) => a.componentKey));
      await l.scope.transaction(async (tx) => {
        for (const { key, v, url } of inputs) {
          const comment = v.comment.trim();
          if (!v.choice && !comment && !url && !existing.has(key)) continue;
          await saveAnswer(tx, l.round, l.instrument, l.participant, key, {
            level: /^[1-4]$/.test(v.choice) ? Number(v.choice) : null,
            cannotAssess: v.choice === 'x',
            comment: comment || null,
            evidenceUrl: url || null,
          });
        }
      });
      for (const { key, remove } of inputs) {
        if (remove && values[key]?.file && !files.some((f) => f.key === key)) {
          await removeEvidence(l.scope, l.round, l.instrument, l.participant, key);
        }
      }
      for (const f of files) {
        await attachEvidence(l.scope, l.round, l.instrument, l.participant, f.key, f);
      }
      if (field(body, 'aktion') === 'abschliessen') {
        const missing = missingComponents(l.instrument, await answersOf(l.scope, l.participant.id));
        if (missing.length) return reply.redirect(`/einschaetzung/${token}?status=unvollstaendig`, 303);
        await submitAnswers(l.scope, l.round, l.instrument, l.participant);
        return reply.redirect(`/einschaetzung/${token}?status=abgeschlossen`, 303);
      }
      return reply.redirect(`/einschaetzung/${token}?status=gespeichert`, 303);
    },
  );
}
