/**
 * Public pages of a Bildungskonferenz (module network, ADR 0014): the registration form and the personal
 * page of a registration (status, cancellation, feedback). Server-rendered, usable without JavaScript:
 * plain GET/POST forms with a CSRF token, a honeypot field and a signed start time against bots.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { Lang } from '../i18n/messages';
import { Layout } from './Layout';
import { Breadcrumb } from './Breadcrumb';
import type { PublicTenant } from './pages';

const TEXTS = {
  de: {
    conference: 'Bildungskonferenz',
    when: 'Wann',
    where: 'Wo',
    free: (n: number, of: number) => `Noch ${n} von ${of} Plätzen frei.`,
    full: 'Alle Plätze sind vergeben. Sie können sich auf die Warteliste setzen lassen: wird ein Platz frei, rücken Sie automatisch nach.',
    closed: 'Die Anmeldung ist geschlossen.',
    form: 'Anmeldung',
    required: 'Pflichtfeld',
    name: 'Vor- und Nachname',
    email: 'E-Mail-Adresse',
    organisation: 'Einrichtung oder Organisation (freiwillig)',
    workshop: 'Workshop oder Forum',
    workshopFree: (n: number, of: number) =>
      n > 0 ? `${n} von ${of} Plätzen frei` : 'ausgebucht – Warteliste',
    consent: 'Einwilligung',
    consentCheck: 'Ich willige in die Verarbeitung meiner Angaben wie oben beschrieben ein.',
    honeypot: 'Bitte dieses Feld leer lassen',
    landingHeading: 'Bildungskonferenz',
    landingLink: (title: string) => `Zur Anmeldung: ${title}`,
    submit: 'Verbindlich anmelden',
    errors: 'Bitte prüfen Sie Ihre Angaben',
    status: 'Ihre Anmeldung',
    confirmed: 'Sie sind angemeldet.',
    waitlisted:
      'Sie stehen auf der Warteliste. Wird ein Platz frei, rücken Sie automatisch nach; diese Seite zeigt dann „angemeldet“.',
    cancelled: 'Sie haben sich abgemeldet.',
    keep: 'Diese Seite ist Ihre Anmeldebestätigung; eine Bestätigung per E-Mail wird nicht verschickt. Bewahren Sie den Link zu dieser Seite auf (Lesezeichen): Über ihn sehen Sie Ihren Status, können sich abmelden und nach der Konferenz eine Rückmeldung geben.',
    number: 'Anmeldenummer',
    registeredAt: 'Angemeldet am',
    registeredEmail: 'E-Mail-Adresse',
    organisationShown: 'Einrichtung',
    waitlistPosition: (n: number) =>
      `Platz ${n} der Warteliste (in der Reihenfolge der Anmeldung; wer einen Workshop mit freiem Platz gewählt hat, kann früher nachrücken).`,
    waitlistLabel: 'Warteliste',
    ics: 'Termin für den Kalender herunterladen (.ics)',
    cancelHint: 'Abmelden können Sie sich unten auf dieser Seite („Abmelden“).',
    link: 'Ihr persönlicher Link',
    cancel: 'Abmelden',
    cancelText:
      'Wenn Sie nicht teilnehmen können, melden Sie sich bitte ab: Ihr Platz geht an die nächste Person auf der Warteliste.',
    cancelButton: 'Von der Konferenz abmelden',
    feedback: 'Rückmeldung',
    feedbackText: 'Wie hat Ihnen die Konferenz gefallen? Ihre Rückmeldung wird ohne Ihren Namen gespeichert.',
    rating: 'Gesamteindruck',
    ratings: ['1 – sehr gut', '2 – gut', '3 – befriedigend', '4 – ausreichend', '5 – mangelhaft'],
    comment: 'Was sollen wir beibehalten oder ändern? (freiwillig)',
    send: 'Rückmeldung senden',
    thanks: 'Vielen Dank für Ihre Rückmeldung.',
    workshopChosen: 'Workshop',
  },
  en: {
    conference: 'Education conference',
    when: 'When',
    where: 'Where',
    free: (n: number, of: number) => `${n} of ${of} places left.`,
    full: 'All places are taken. You can join the waiting list: when a place becomes free, you move up automatically.',
    closed: 'Registration is closed.',
    form: 'Registration',
    required: 'required',
    name: 'Full name',
    email: 'E-mail address',
    organisation: 'Institution or organisation (optional)',
    workshop: 'Workshop or forum',
    workshopFree: (n: number, of: number) =>
      n > 0 ? `${n} of ${of} places left` : 'fully booked – waiting list',
    consent: 'Consent',
    consentCheck: 'I consent to the processing of my data as described above.',
    honeypot: 'Please leave this field empty',
    landingHeading: 'Education conference',
    landingLink: (title: string) => `Register: ${title}`,
    submit: 'Register',
    errors: 'Please check your entries',
    status: 'Your registration',
    confirmed: 'You are registered.',
    waitlisted:
      'You are on the waiting list. When a place becomes free you move up automatically; this page then shows “registered”.',
    cancelled: 'You have cancelled your registration.',
    keep: 'This page is your confirmation; no confirmation e-mail is sent. Keep the link to this page (bookmark): it shows your status, lets you cancel and give feedback after the conference.',
    number: 'Registration number',
    registeredAt: 'Registered on',
    registeredEmail: 'E-mail address',
    organisationShown: 'Institution',
    waitlistPosition: (n: number) =>
      `Place ${n} on the waiting list (in order of registration; a person who chose a workshop with a free place may move up earlier).`,
    waitlistLabel: 'Waiting list',
    ics: 'Download the date for your calendar (.ics)',
    cancelHint: 'You can cancel further down this page (“Cancel”).',
    link: 'Your personal link',
    cancel: 'Cancel',
    cancelText:
      'If you cannot attend, please cancel: your place goes to the next person on the waiting list.',
    cancelButton: 'Cancel my registration',
    feedback: 'Feedback',
    feedbackText: 'How did you like the conference? Your feedback is stored without your name.',
    rating: 'Overall impression',
    ratings: ['1 – very good', '2 – good', '3 – satisfactory', '4 – sufficient', '5 – poor'],
    comment: 'What should we keep or change? (optional)',
    send: 'Send feedback',
    thanks: 'Thank you for your feedback.',
    workshopChosen: 'Workshop',
  },
} as const;

const CSS = `
.reg-form .field{margin:1rem 0;max-width:40rem}
.reg-form label{display:block;font-weight:600}
.reg-form input[type=text],.reg-form input[type=email],.reg-form textarea{width:100%;font:inherit;padding:.4rem .5rem;border:2px solid var(--fg);border-radius:4px}
.reg-form textarea:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.reg-form fieldset{margin:1rem 0;max-width:40rem}
.reg-form .choice{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}
.reg-form .choice label{font-weight:400}
.reg-form .choice input{margin-top:.3rem;width:1.2rem;height:1.2rem;flex:none}
.reg-form .hint{display:block;color:var(--muted);font-weight:400}
.reg-form .err{display:block;color:#b00020;font-weight:600}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.box{border-left:6px solid var(--accent);background:#eef4fb;padding:.75rem 1rem;margin:1rem 0;max-width:48rem}
.box.error{border-color:#b00020;background:#fdecee}
.box.error a{color:#8a0019;font-weight:600}
.consent-text{white-space:pre-line;max-width:45rem}
.link-box{word-break:break-all}
`;

/** A conference with open registration, linked from the municipality's start page. */
export interface OpenConferenceLink {
  slug: string;
  title: string;
  when: string;
}

/** The section on the municipality's start page; nothing when no registration is open. */
export function ConferenceLinks(p: { lang: Lang; tenantSlug: string; conferences: OpenConferenceLink[] }) {
  if (!p.conferences.length) return null;
  const x = TEXTS[p.lang];
  return (
    <section aria-labelledby="konferenz">
      <h2 id="konferenz">{x.landingHeading}</h2>
      <ul>
        {p.conferences.map((c) => (
          <li key={c.slug}>
            <a href={`/kommune/${p.tenantSlug}/konferenz/${c.slug}`}>{x.landingLink(c.title)}</a> ({c.when})
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface PublicConferencePage {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  action: string;
  conference: {
    title: string;
    description: string | null;
    when: string;
    place: string | null;
    capacity: number;
    free: number;
    accepting: boolean;
    consentText: string;
  };
  workshops: Array<{ id: string; title: string; capacity: number; free: number }>;
  /** Null when the form is not shown. */
  csrfToken: string | null;
  /** Signed time the form was handed out (minimum fill time). */
  startedAt: string;
  values: { name: string; email: string; organisation: string; workshopId: string; consent: boolean };
  /** [field id, message] */
  errors: Array<[string, string]>;
}

function ErrorSummary({ lang, errors }: { lang: Lang; errors: Array<[string, string]> }) {
  if (!errors.length) return null;
  return (
    <div className="box error" role="alert" aria-labelledby="fehler-titel">
      <h2 id="fehler-titel">{TEXTS[lang].errors}</h2>
      <ul>
        {errors.map(([id, msg]) => (
          <li key={id + msg}>
            <a href={`#${id}`}>{msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const errorOf = (errors: Array<[string, string]>, id: string) => errors.find(([f]) => f === id)?.[1];

export function renderConferencePage(p: PublicConferencePage): string {
  const x = TEXTS[p.lang];
  const c = p.conference;
  const err = (id: string) => errorOf(p.errors, id);
  const described = (id: string) =>
    err(id) ? { 'aria-describedby': `${id}-fehler`, 'aria-invalid': true } : {};
  const ErrText = ({ id }: { id: string }) =>
    err(id) ? (
      <span className="err" id={`${id}-fehler`}>
        {err(id)}
      </span>
    ) : null;
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout
      lang={p.lang}
      title={`${p.errors.length ? `${x.errors}: ` : ''}${c.title} – ${p.tenant.name}`}
      cssHref={p.cssHref}
      path={p.action}
      brand={{
        name: p.tenant.name,
        href: `/kommune/${p.tenant.slug}`,
        logo: p.tenant.logo,
        color: p.tenant.color,
      }}
      demo={p.tenant.isDemo}
      head={<style>{CSS}</style>}
    >
      <Breadcrumb lang={p.lang} tenant={p.tenant} here={c.title} />
      <h1>{c.title}</h1>
      <dl>
        <dt>{x.when}</dt>
        <dd>{c.when}</dd>
        {c.place ? (
          <>
            <dt>{x.where}</dt>
            <dd>{c.place}</dd>
          </>
        ) : null}
      </dl>
      {c.description ? <p className="lead">{c.description}</p> : null}
      <h2>{x.form}</h2>
      {!c.accepting ? (
        <p className="box">{x.closed}</p>
      ) : (
        <>
          <p className="box">{c.free > 0 ? x.free(c.free, c.capacity) : x.full}</p>
          <ErrorSummary lang={p.lang} errors={p.errors} />
          <form method="post" action={p.action} className="reg-form" noValidate>
            <input type="hidden" name="_csrf" value={p.csrfToken ?? ''} />
            <input type="hidden" name="_t" value={p.startedAt} />
            <div className="field">
              <label htmlFor="name">
                {x.name} <span className="hint">({x.required})</span>
              </label>
              <ErrText id="name" />
              <input
                type="text"
                id="name"
                name="name"
                autoComplete="name"
                required
                maxLength={120}
                defaultValue={p.values.name}
                {...described('name')}
              />
            </div>
            <div className="field">
              <label htmlFor="email">
                {x.email} <span className="hint">({x.required})</span>
              </label>
              <ErrText id="email" />
              <input
                type="email"
                id="email"
                name="email"
                autoComplete="email"
                required
                maxLength={200}
                defaultValue={p.values.email}
                {...described('email')}
              />
            </div>
            <div className="field">
              <label htmlFor="organisation">{x.organisation}</label>
              <ErrText id="organisation" />
              <input
                type="text"
                id="organisation"
                name="organisation"
                autoComplete="organization"
                maxLength={200}
                defaultValue={p.values.organisation}
                {...described('organisation')}
              />
            </div>
            {p.workshops.length ? (
              <fieldset {...(err('workshop') ? { 'aria-describedby': 'workshop-fehler' } : {})}>
                <legend>
                  {x.workshop} <span className="hint">({x.required})</span>
                </legend>
                <ErrText id="workshop" />
                {p.workshops.map((w, i) => (
                  <div className="choice" key={w.id}>
                    <input
                      type="radio"
                      name="workshopId"
                      id={i === 0 ? 'workshop' : `workshop-${i + 1}`}
                      value={w.id}
                      defaultChecked={p.values.workshopId === w.id}
                    />
                    <label htmlFor={i === 0 ? 'workshop' : `workshop-${i + 1}`}>
                      {w.title} <span className="hint">{x.workshopFree(w.free, w.capacity)}</span>
                    </label>
                  </div>
                ))}
              </fieldset>
            ) : null}
            <fieldset>
              <legend>{x.consent}</legend>
              <p className="consent-text">{c.consentText}</p>
              <ErrText id="consent" />
              <div className="choice">
                <input
                  type="checkbox"
                  id="consent"
                  name="consent"
                  value="1"
                  defaultChecked={p.values.consent}
                  {...described('consent')}
                />
                <label htmlFor="consent">{x.consentCheck}</label>
              </div>
            </fieldset>
            <div className="hp">
              <label htmlFor="homepage">{x.honeypot}</label>
              <input
                type="text"
                id="homepage"
                name="homepage"
                tabIndex={-1}
                autoComplete="off"
                defaultValue=""
              />
            </div>
            <button type="submit">{x.submit}</button>
          </form>
        </>
      )}
    </Layout>,
  )}`;
}

export interface RegistrationPage {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  path: string;
  link: string;
  conference: { title: string; when: string; place: string | null };
  name: string;
  /** Registration number to quote to the Bildungsbüro. */
  number: string;
  registeredAt: string;
  email: string;
  organisation: string | null;
  /** Place on the waiting list (1 = next), null when not waiting. */
  waitlistPosition: number | null;
  /** The conference as .ics for the calendar; null after a cancellation. */
  icsHref: string | null;
  workshop: string | null;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  csrfToken: string;
  canCancel: boolean;
  canGiveFeedback: boolean;
  feedbackGiven: boolean;
  errors: Array<[string, string]>;
}

export function renderRegistrationPage(p: RegistrationPage): string {
  const x = TEXTS[p.lang];
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout
      lang={p.lang}
      title={`${x.status} – ${p.conference.title} – ${p.tenant.name}`}
      cssHref={p.cssHref}
      path={p.path}
      brand={{
        name: p.tenant.name,
        href: `/kommune/${p.tenant.slug}`,
        logo: p.tenant.logo,
        color: p.tenant.color,
      }}
      demo={p.tenant.isDemo}
      head={
        <>
          <meta name="robots" content="noindex, nofollow" />
          <meta name="referrer" content="no-referrer" />
          <style>{CSS}</style>
        </>
      }
    >
      <h1>
        {x.status}: {p.conference.title}
      </h1>
      <p className="box" role="status">
        <strong>{p.name}</strong>: {x[p.status]}
      </p>
      <dl>
        <dt>{x.number}</dt>
        <dd>{p.number}</dd>
        <dt>{x.registeredAt}</dt>
        <dd>{p.registeredAt}</dd>
        <dt>{x.registeredEmail}</dt>
        <dd>{p.email}</dd>
        {p.organisation ? (
          <>
            <dt>{x.organisationShown}</dt>
            <dd>{p.organisation}</dd>
          </>
        ) : null}
        {p.waitlistPosition !== null ? (
          <>
            <dt>{x.waitlistLabel}</dt>
            <dd>{x.waitlistPosition(p.waitlistPosition)}</dd>
          </>
        ) : null}
        <dt>{x.when}</dt>
        <dd>{p.conference.when}</dd>
        {p.conference.place ? (
          <>
            <dt>{x.where}</dt>
            <dd>{p.conference.place}</dd>
          </>
        ) : null}
        {p.workshop ? (
          <>
            <dt>{x.workshopChosen}</dt>
            <dd>{p.workshop}</dd>
          </>
        ) : null}
      </dl>
      {p.status !== 'cancelled' ? (
        <>
          <p>{x.keep}</p>
          <p className="link-box">
            {x.link}: <a href={p.link}>{p.link}</a>
          </p>
          {p.icsHref ? (
            <p>
              <a href={p.icsHref} download="bildungskonferenz.ics">
                {x.ics}
              </a>
            </p>
          ) : null}
          {p.canCancel ? <p>{x.cancelHint}</p> : null}
        </>
      ) : null}
      {p.canCancel ? (
        <section aria-labelledby="abmelden">
          <h2 id="abmelden">{x.cancel}</h2>
          <p>{x.cancelText}</p>
          <form method="post" action={`${p.path}/abmelden`} className="reg-form">
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <button type="submit">{x.cancelButton}</button>
          </form>
        </section>
      ) : null}
      {p.feedbackGiven ? <p className="box">{x.thanks}</p> : null}
      {p.canGiveFeedback && !p.feedbackGiven ? (
        <section aria-labelledby="rueckmeldung">
          <h2 id="rueckmeldung">{x.feedback}</h2>
          <p>{x.feedbackText}</p>
          <ErrorSummary lang={p.lang} errors={p.errors} />
          <form method="post" action={`${p.path}/rueckmeldung`} className="reg-form" noValidate>
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <fieldset>
              <legend>{x.rating}</legend>
              {x.ratings.map((label, i) => (
                <div className="choice" key={label}>
                  <input
                    type="radio"
                    name="rating"
                    id={i === 0 ? 'rating' : `rating-${i + 1}`}
                    value={i + 1}
                  />
                  <label htmlFor={i === 0 ? 'rating' : `rating-${i + 1}`}>{label}</label>
                </div>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="comment">{x.comment}</label>
              <textarea id="comment" name="comment" rows={4} maxLength={2000} />
            </div>
            <button type="submit">{x.send}</button>
          </form>
        </section>
      ) : null}
    </Layout>,
  )}`;
}

/** A short message page of the conference pages (too many requests, link no longer valid). */
export function renderConferenceMessage(p: {
  lang: Lang;
  cssHref: string;
  path: string;
  title: string;
  text: string;
}): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout lang={p.lang} title={p.title} cssHref={p.cssHref} path={p.path}>
      <h1>{p.title}</h1>
      <p>{p.text}</p>
      <p>
        <a href="/">{p.lang === 'de' ? 'Zur Startseite' : 'To the home page'}</a>
      </p>
    </Layout>,
  )}`;
}
