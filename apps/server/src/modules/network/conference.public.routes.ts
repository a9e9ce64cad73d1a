import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  renderConferenceMessage,
  renderConferencePage,
  renderRegistrationPage,
  type Lang,
  type PublicConferencePage,
} from '@dkbm/web/ssr';
import { TENANT_TYPE_LABELS, type TenantType } from '@dkbm/contract';
import { csrfCheck, issueCsrfToken } from '../../platform/auth/csrf';
import { hashToken } from '../../platform/auth/tokens';
import { langOf, PUBLIC_CSS_HREF } from '../../platform/http/publicPage';
import { tenantScope } from '../../platform/tenancy/scope';
import { getTenantRowBySlug, type TenantRow } from '../tenants/tenants.service';
import {
  cancelRegistration,
  conferenceIcs,
  conferenceWhen,
  giveFeedback,
  publicConference,
  register,
  registrationNumber,
  registrationOfLink,
  waitlistPosition,
} from './conferences.service';

/** When the person registered, in Berlin time. */
const registeredAt = (iso: string, lang: 'de' | 'en') =>
  new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));

/*
 * Public registration for a Bildungskonferenz, without an account and without JavaScript (ADR 0014):
 *   GET  /kommune/:slug/konferenz/:conference          the form (free places, workshops, consent text)
 *   POST /kommune/:slug/konferenz/:conference          register → 303 to the personal page
 *   GET  /konferenz-anmeldung/:token                    status, cancellation, feedback after the start
 *   GET  /konferenz-anmeldung/:token/termin.ics         the conference for the person's calendar
 *   POST /konferenz-anmeldung/:token/abmelden           cancel (the waiting list moves up)
 *   POST /konferenz-anmeldung/:token/rueckmeldung       anonymous feedback, once per registration
 * CSRF: the forms carry a token (double submit with the signed cookie; anonymous binding on the form,
 * bound to the link on the personal page) checked after the body is parsed. Against bots, without any
 * third-party service: a honeypot field that people do not see, a signed start time (a form sent within
 * MIN_FILL_MS is refused) and a rate limit per address.
 */

const HTML = 'text/html; charset=utf-8';
export const CONFERENCE_PAGE_LIMIT = { max: 60, timeWindow: 60_000 };
export const CONFERENCE_POST_LIMIT = { max: 10, timeWindow: 60_000 };
/** A person needs longer than this to fill the form; bots post at once. */
export const MIN_FILL_MS = 3000;
const TOKEN = /^[A-Za-z0-9_-]{40,50}$/;

type Form = Record<string, string | string[] | undefined>;
const field = (body: Form, name: string): string => {
  const v = body[name];
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
};

const registrationFields = z.object({
  name: z.string().min(1).max(120),
  email: z.email().max(200),
  organisation: z.string().max(200),
});

function noStore(reply: FastifyReply) {
  reply
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'no-referrer');
}

const publicTenant = (t: TenantRow, lang: Lang) => ({
  slug: t.slug,
  name: t.name,
  type: t.type,
  typeLabel: TENANT_TYPE_LABELS[t.type as TenantType]?.[lang] ?? t.type,
  ags: t.ags,
  color: t.color,
  logo: t.logo,
  isDemo: t.isDemo,
});

/** The personal page's tokens are bound to its registration, not to a session. */
const linkBinding = (req: FastifyRequest) =>
  `konferenz:${hashToken(String((req.params as { token?: unknown }).token ?? ''))}`;

export async function conferencePublicRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;

  const message = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, text: string) => {
    noStore(reply);
    return reply
      .status(status)
      .type(HTML)
      .send(
        renderConferenceMessage({ lang: langOf(req), cssHref: PUBLIC_CSS_HREF, path: req.url, title, text }),
      );
  };
  const notFoundPage = (req: FastifyRequest, reply: FastifyReply) =>
    message(
      req,
      reply,
      404,
      'Seite nicht gefunden',
      'Diese Konferenz oder dieser Link existiert nicht (mehr). Bitte wenden Sie sich an das Bildungsbüro.',
    );

  async function loadConference(slug: string, conference: string) {
    const t = await getTenantRowBySlug(db, slug);
    if (!t) return null;
    const s = tenantScope(db, t.id);
    const pc = await publicConference(s, conference);
    return pc ? { t, s, ...pc } : null;
  }
  type Loaded = NonNullable<Awaited<ReturnType<typeof loadConference>>>;

  function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    l: Loaded,
    values: PublicConferencePage['values'],
    errors: Array<[string, string]>,
  ) {
    noStore(reply);
    const lang = langOf(req);
    const c = l.conference;
    return reply.type(HTML).send(
      renderConferencePage({
        lang,
        cssHref: PUBLIC_CSS_HREF,
        tenant: publicTenant(l.t, lang),
        action: `/kommune/${l.t.slug}/konferenz/${c.slug}`,
        conference: {
          title: c.title,
          description: c.description,
          when: conferenceWhen(c.startsAt, c.endsAt, lang),
          place: c.place,
          capacity: c.capacity,
          free: l.free,
          accepting: l.accepting,
          consentText: c.consentText,
        },
        workshops: l.workshops.map((w) => ({ id: w.id, title: w.title, capacity: w.capacity, free: w.free })),
        csrfToken: l.accepting ? issueCsrfToken(req, reply, config.cookieSecure) : null,
        startedAt: app.signCookie(String(Date.now())),
        values,
        errors,
      }),
    );
  }

  const emptyValues = { name: '', email: '', organisation: '', workshopId: '', consent: false };
  const postedValues = (body: Form) => ({
    name: field(body, 'name'),
    email: field(body, 'email'),
    organisation: field(body, 'organisation'),
    workshopId: field(body, 'workshopId'),
    consent: field(body, 'consent') === '1',
  });

  /** HTML answers for errors of these routes (CSRF, rate limit), never JSON. */
  async function errorHandler(
    this: FastifyInstance,
    err: FastifyError,
    req: FastifyRequest,
    reply: FastifyReply,
  ) {
    const status = err.statusCode ?? 500;
    if (status === 429) {
      return message(
        req,
        reply,
        429,
        'Zu viele Anfragen',
        'Bitte warten Sie eine Minute und versuchen Sie es dann erneut.',
      );
    }
    if ((err.code ?? '').startsWith('FST_CSRF')) {
      const p = req.params as { slug?: string; conference?: string; token?: string };
      if (p.slug && p.conference) {
        const l = await loadConference(p.slug, p.conference).catch(() => null);
        if (!l) return notFoundPage(req, reply);
        reply.status(403);
        return formPage(req, reply, l, postedValues((req.body ?? {}) as Form), [
          [
            'name',
            'Das Formular war zu lange geöffnet oder Cookies sind gesperrt. Sie sind noch nicht angemeldet: Bitte senden Sie das Formular erneut.',
          ],
        ]);
      }
      return message(
        req,
        reply,
        403,
        'Bitte erneut versuchen',
        'Die Seite war zu lange geöffnet. Bitte laden Sie Ihre persönliche Seite neu und senden Sie das Formular erneut.',
      );
    }
    if (status === 400 || status === 413 || status === 415) {
      return message(
        req,
        reply,
        status,
        'Die Anfrage ist fehlerhaft',
        'Bitte laden Sie die Seite neu und senden Sie das Formular noch einmal.',
      );
    }
    req.log.error({ err }, 'conference page failed');
    return message(
      req,
      reply,
      500,
      'Ein Fehler ist aufgetreten',
      `Bitte versuchen Sie es später erneut (Anfrage ${req.id}).`,
    );
  }

  app.get<{ Params: { slug: string; conference: string } }>(
    '/kommune/:slug/konferenz/:conference',
    { schema: { hide: true }, config: { access: 'public', rateLimit: CONFERENCE_PAGE_LIMIT }, errorHandler },
    async (req, reply) => {
      const l = await loadConference(req.params.slug, req.params.conference);
      if (!l) return notFoundPage(req, reply);
      return formPage(req, reply, l, emptyValues, []);
    },
  );

  app.post<{ Params: { slug: string; conference: string }; Body: Form }>(
    '/kommune/:slug/konferenz/:conference',
    {
      schema: { hide: true },
      config: { access: 'public', skipCsrf: true, rateLimit: CONFERENCE_POST_LIMIT },
      errorHandler,
      // After the body is parsed: the hidden _csrf field against the signed cookie; no other site's posts.
      preHandler: csrfCheck(app),
    },
    async (req, reply) => {
      const l = await loadConference(req.params.slug, req.params.conference);
      if (!l) return notFoundPage(req, reply);
      if (!l.accepting) return reply.redirect(`/kommune/${l.t.slug}/konferenz/${l.conference.slug}`, 303);
      const body = (req.body ?? {}) as Form;
      const values = postedValues(body);
      const errors: Array<[string, string]> = [];
      // Bots: the hidden field filled in, or sent faster than a person can fill the form.
      const started = app.unsignCookie(field(body, '_t'));
      const startedAt = started.valid && started.value ? Number(started.value) : NaN;
      if (field(body, 'homepage')) {
        errors.push([
          'name',
          'Die Anmeldung wurde nicht gespeichert (automatisch ausgefülltes Feld). Bitte senden Sie das Formular erneut.',
        ]);
      } else if (!Number.isFinite(startedAt) || Date.now() - startedAt < MIN_FILL_MS) {
        errors.push([
          'name',
          'Das Formular wurde sehr schnell abgeschickt. Bitte prüfen Sie Ihre Angaben und senden Sie es erneut.',
        ]);
      }
      const parsed = registrationFields.safeParse(values);
      if (!parsed.success) {
        const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
        if (bad.has('name')) errors.push(['name', 'Bitte geben Sie Ihren Namen an (höchstens 120 Zeichen).']);
        if (bad.has('email'))
          errors.push(['email', 'Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.']);
        if (bad.has('organisation'))
          errors.push(['organisation', 'Die Einrichtung darf höchstens 200 Zeichen lang sein.']);
      }
      if (l.workshops.length && !l.workshops.some((w) => w.id === values.workshopId)) {
        errors.push(['workshop', 'Bitte wählen Sie einen Workshop.']);
      }
      if (!values.consent)
        errors.push(['consent', 'Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein.']);
      if (errors.length) {
        reply.status(400);
        return formPage(req, reply, l, values, errors);
      }
      const { token } = await register(l.s, l.conference.id, {
        name: values.name,
        email: values.email,
        organisation: values.organisation || null,
        workshopId: l.workshops.length ? values.workshopId : null,
      });
      return reply.redirect(`/konferenz-anmeldung/${token}`, 303);
    },
  );

  async function loadLink(token: string) {
    return TOKEN.test(token) ? registrationOfLink(db, token) : null;
  }

  app.get<{ Params: { token: string }; Querystring: { fehler?: string } }>(
    '/konferenz-anmeldung/:token',
    {
      schema: { hide: true },
      config: { access: 'token', rateLimit: CONFERENCE_PAGE_LIMIT, csrfBinding: linkBinding },
      errorHandler,
    },
    async (req, reply) => {
      const l = await loadLink(req.params.token);
      if (!l) return notFoundPage(req, reply);
      const t = await getTenantRowBySlug(db, l.tenantSlug);
      if (!t) return notFoundPage(req, reply);
      const lang = langOf(req);
      const r = l.registration;
      const c = l.conference;
      const started = Date.parse(c.startsAt) <= Date.now();
      const path = `/konferenz-anmeldung/${req.params.token}`;
      noStore(reply);
      return reply.type(HTML).send(
        renderRegistrationPage({
          lang,
          cssHref: PUBLIC_CSS_HREF,
          tenant: publicTenant(t, lang),
          path,
          link: `${config.publicUrl ?? `${req.protocol}://${req.host}`}${path}`,
          conference: { title: c.title, when: conferenceWhen(c.startsAt, c.endsAt, lang), place: c.place },
          number: registrationNumber(r.id),
          registeredAt: registeredAt(r.createdAt, lang),
          email: r.email,
          organisation: r.organisation,
          waitlistPosition: await waitlistPosition(l.s, r),
          icsHref: r.status !== 'cancelled' ? `${path}/termin.ics` : null,
          name: r.name,
          workshop: l.workshops.find((w) => w.id === r.workshopId)?.title ?? null,
          status: r.status as 'confirmed' | 'waitlisted' | 'cancelled',
          csrfToken: issueCsrfToken(req, reply, config.cookieSecure),
          canCancel: r.status !== 'cancelled' && !started,
          canGiveFeedback: r.status === 'confirmed' && started,
          feedbackGiven: !!r.feedbackAt,
          errors:
            req.query.fehler === 'bewertung'
              ? [['rating', 'Bitte wählen Sie eine Bewertung von 1 bis 5.']]
              : [],
        }),
      );
    },
  );

  app.get<{ Params: { token: string } }>(
    '/konferenz-anmeldung/:token/termin.ics',
    {
      schema: { hide: true },
      config: { access: 'token', rateLimit: CONFERENCE_PAGE_LIMIT, csrfBinding: linkBinding },
      errorHandler,
    },
    async (req, reply) => {
      const l = await loadLink(req.params.token);
      if (!l || l.registration.status === 'cancelled') return notFoundPage(req, reply);
      const t = await getTenantRowBySlug(db, l.tenantSlug);
      if (!t) return notFoundPage(req, reply);
      const path = `/konferenz-anmeldung/${req.params.token}`;
      noStore(reply);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="bildungskonferenz.ics"')
        .send(
          conferenceIcs(l.conference, {
            tenantName: t.name,
            workshop: l.workshops.find((w) => w.id === l.registration.workshopId)?.title ?? null,
            link: `${config.publicUrl ?? `${req.protocol}://${req.host}`}${path}`,
            waitlisted: l.registration.status === 'waitlisted',
          }),
        );
    },
  );

  const linkPost = {
    schema: { hide: true },
    config: {
      access: 'token' as const,
      skipCsrf: true,
      rateLimit: CONFERENCE_POST_LIMIT,
      csrfBinding: linkBinding,
    },
    errorHandler,
    preHandler: csrfCheck(app),
  };

  app.post<{ Params: { token: string } }>(
    '/konferenz-anmeldung/:token/abmelden',
    linkPost,
    async (req, reply) => {
      const l = await loadLink(req.params.token);
      if (!l) return notFoundPage(req, reply);
      if (Date.parse(l.conference.startsAt) > Date.now()) await cancelRegistration(l.s, l.registration.id);
      return reply.redirect(`/konferenz-anmeldung/${req.params.token}`, 303);
    },
  );

  app.post<{ Params: { token: string }; Body: Form }>(
    '/konferenz-anmeldung/:token/rueckmeldung',
    linkPost,
    async (req, reply) => {
      const l = await loadLink(req.params.token);
      if (!l) return notFoundPage(req, reply);
      const r = l.registration;
      const page = `/konferenz-anmeldung/${req.params.token}`;
      if (r.status !== 'confirmed' || Date.parse(l.conference.startsAt) > Date.now() || r.feedbackAt) {
        return reply.redirect(page, 303);
      }
      const body = (req.body ?? {}) as Form;
      const rating = Number(field(body, 'rating'));
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
        return reply.redirect(`${page}?fehler=bewertung#rueckmeldung`, 303);
      }
      await giveFeedback(l.s, r, rating, field(body, 'comment').slice(0, 2000) || null);
      return reply.redirect(page, 303);
    },
  );
}
