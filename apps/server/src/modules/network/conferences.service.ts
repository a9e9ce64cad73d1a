import ical from 'ical-generator';
import type { z } from 'zod';
import type { Conference, conferenceInputSchema, Registration, RegistrationStatus } from '@dkbm/contract';
import { REGISTRATION_STATUS_LABELS } from '@dkbm/contract';
import type { Lang } from '@dkbm/web/ssr';
import { csvDocument } from '@dkbm/domain';
import { conflict, notFound } from '../../platform/http/errors';
import { hashToken, newToken } from '../../platform/auth/tokens';
import type { Tx } from '../../platform/db/client';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import { requireBody } from './actors.service';
import {
  conferenceBySlug,
  conferenceRows,
  conferencesDueForPurge,
  eraseRegistrations,
  feedbackRows,
  insertConference,
  insertFeedback,
  insertRegistration,
  insertWorkshop,
  lockConference,
  registrationByToken,
  registrationRow,
  registrationRows,
  updateConferenceRow,
  updateRegistrationRow,
  workshopRows,
  type ConferenceRow,
  type RegistrationRow,
  type WorkshopRow,
} from './conferences.repo';

/*
 * Bildungskonferenz (ADR 0014): a conference with an overall capacity and workshops with their own;
 * a registration is confirmed while both have a free place, else it joins the waiting list. A cancellation
 * moves the earliest waiting registrations that now fit up. Registration and move-up run in one
 * transaction with the conference row locked. Participant data are erased `retentionDays` after the end.
 */

type ConferenceInput = z.infer<typeof conferenceInputSchema>;

const DAY_MS = 86_400_000;
export const purgeOn = (c: Pick<ConferenceRow, 'endsAt' | 'retentionDays'>): string =>
  new Date(Date.parse(c.endsAt) + c.retentionDays * DAY_MS).toISOString().slice(0, 10);

const countBy = (rows: RegistrationRow[], status: RegistrationStatus, workshopId?: string) =>
  rows.filter((r) => r.status === status && (workshopId === undefined || r.workshopId === workshopId)).length;

/** Erases the participant data of every conference of the tenant whose retention period is over. */
export async function purgeExpiredParticipants(s: TenantScope, now = new Date()): Promise<number> {
  let erased = 0;
  for (const c of await conferencesDueForPurge(s, now.toISOString())) {
    await s.transaction(async (tx) => {
      erased += await eraseRegistrations(tx, c.id);
      await updateConferenceRow(tx, c.id, { purgedAt: now.toISOString() });
    });
  }
  return erased;
}

async function toConferences(s: TenantScope, rows: ConferenceRow[]): Promise<Conference[]> {
  const ids = rows.map((c) => c.id);
  const [workshops, registrations, feedback] = await Promise.all([
    workshopRows(s, ids),
    registrationRows(s, ids),
    feedbackRows(s, ids),
  ]);
  return rows.map((c) => {
    const regs = registrations.filter((r) => r.conferenceId === c.id);
    const fb = feedback.filter((f) => f.conferenceId === c.id);
    const mean = fb.length ? fb.reduce((sum, f) => sum + f.rating, 0) / fb.length : null;
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      description: c.description,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      place: c.place,
      capacity: c.capacity,
      bodyId: c.bodyId,
      registrationOpen: c.registrationOpen,
      consentText: c.consentText,
      retentionDays: c.retentionDays,
      purgeOn: purgeOn(c),
      purgedAt: c.purgedAt,
      confirmed: countBy(regs, 'confirmed'),
      waitlisted: countBy(regs, 'waitlisted'),
      cancelled: countBy(regs, 'cancelled'),
      workshops: workshops
        .filter((w) => w.conferenceId === c.id)
        .map((w) => ({
          id: w.id,
          title: w.title,
          capacity: w.capacity,
          confirmed: countBy(regs, 'confirmed', w.id),
          waitlisted: countBy(regs, 'waitlisted', w.id),
        })),
      feedback: {
        count: fb.length,
        meanRating: mean === null ? null : (Math.round(mean * 10) / 10).toFixed(1),
        comments: fb.flatMap((f) => (f.comment ? [f.comment] : [])),
      },
    };
  });
}

export async function listConferences(s: TenantScope): Promise<Conference[]> {
  await purgeExpiredParticipants(s);
  return toConferences(s, await conferenceRows(s));
}

async function requireConference(s: TenantScope, id: string): Promise<ConferenceRow> {
  const [c] = await conferenceRows(s, id);
  if (!c) throw notFound('Die Bildungskonferenz');
  return c;
}

export async function getConference(s: TenantScope, id: string): Promise<Conference> {
  await purgeExpiredParticipants(s);
  return (await toConferences(s, [await requireConference(s, id)]))[0]!;
}

export async function createConference(s: TenantScope, input: ConferenceInput): Promise<Conference> {
  if (input.bodyId) await requireBody(s, input.bodyId);
  if (await conferenceBySlug(s, input.slug)) {
    throw conflict(`Die Adresse „${input.slug}“ hat schon eine andere Bildungskonferenz.`);
  }
  const id = await s.transaction(async (tx) => {
    const cid = await insertConference(tx, {
      title: input.title,
      slug: input.slug,
      description: input.description ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      place: input.place ?? null,
      capacity: input.capacity,
      bodyId: input.bodyId ?? null,
      consentText: input.consentText,
      retentionDays: input.retentionDays,
    });
    for (const [i, w] of input.workshops.entries()) {
      await insertWorkshop(tx, { conferenceId: cid, position: i + 1, title: w.title, capacity: w.capacity });
    }
    return cid;
  });
  return getConference(s, id);
}

export async function setRegistrationOpen(s: TenantScope, id: string, open: boolean): Promise<Conference> {
  await requireConference(s, id);
  await updateConferenceRow(s, id, { registrationOpen: open });
  return getConference(s, id);
}

export async function listRegistrations(s: TenantScope, id: string): Promise<Registration[]> {
  await requireConference(s, id);
  const [workshops, rows] = await Promise.all([workshopRows(s, [id]), registrationRows(s, [id])]);
  const title = new Map(workshops.map((w) => [w.id, w.title]));
  return rows.map((r) => ({
    id: r.id,
    number: registrationNumber(r.id),
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    workshopId: r.workshopId,
    workshopTitle: r.workshopId ? (title.get(r.workshopId) ?? null) : null,
    status: r.status as RegistrationStatus,
    createdAt: r.createdAt,
    cancelledAt: r.cancelledAt,
  }));
}

const berlin = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));

/** The participant list as rows (header first) for CSV and XLSX. */
async function participantTable(s: TenantScope, id: string): Promise<string[][]> {
  const regs = await listRegistrations(s, id);
  return [
    [
      'Anmeldenummer',
      'Name',
      'E-Mail',
      'Organisation',
      'Workshop',
      'Status',
      'Angemeldet am',
      'Abgemeldet am',
    ],
    ...regs.map((r) => [
      r.number,
      r.name,
      r.email,
      r.organisation ?? '',
      r.workshopTitle ?? '',
      REGISTRATION_STATUS_LABELS[r.status].de,
      berlin(r.createdAt),
      r.cancelledAt ? berlin(r.cancelledAt) : '',
    ]),
  ];
}

export async function participantsCsv(s: TenantScope, id: string): Promise<string> {
  return csvDocument(await participantTable(s, id));
}

export async function participantsXlsx(s: TenantScope, id: string): Promise<Buffer> {
  const table = await participantTable(s, id);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Teilnehmende');
  for (const row of table) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 24));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/* ----- public registration (portal) ----- */

export interface PublicConference {
  conference: ConferenceRow;
  workshops: Array<WorkshopRow & { free: number }>;
  free: number;
  /** Registration is possible: open and before the start. */
  accepting: boolean;
}

export async function publicConference(s: TenantScope, slug: string, now = new Date()) {
  const c = await conferenceBySlug(s, slug);
  if (!c) return null;
  const [workshops, regs] = await Promise.all([workshopRows(s, [c.id]), registrationRows(s, [c.id])]);
  return {
    conference: c,
    workshops: workshops.map((w) => ({
      ...w,
      free: Math.max(0, w.capacity - countBy(regs, 'confirmed', w.id)),
    })),
    free: Math.max(0, c.capacity - countBy(regs, 'confirmed')),
    accepting: c.registrationOpen && Date.parse(c.startsAt) > now.getTime(),
  } satisfies PublicConference;
}

/** „Samstag, 13. März 2027, 09:00–15:30 Uhr“ (Europe/Berlin). */
export function conferenceWhen(startsAt: string, endsAt: string, lang: Lang): string {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const tz = { timeZone: 'Europe/Berlin' } as const;
  const day = new Intl.DateTimeFormat(locale, { ...tz, dateStyle: 'full' }).format(new Date(startsAt));
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale, { ...tz, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  return `${day}, ${time(startsAt)}–${time(endsAt)}${lang === 'de' ? ' Uhr' : ''}`;
}

/**
 * Conferences whose public registration is open (open and not yet begun), for the link on the portal's
 * start page of the municipality; the earliest first.
 */
export async function openConferenceLinks(s: TenantScope, lang: Lang, now = new Date()) {
  return (await conferenceRows(s))
    .filter((c) => c.registrationOpen && Date.parse(c.startsAt) > now.getTime())
    .map((c) => ({ slug: c.slug, title: c.title, when: conferenceWhen(c.startsAt, c.endsAt, lang) }));
}

export interface RegistrationInput {
  name: string;
  email: string;
  organisation: string | null;
  workshopId: string | null;
}

/** Whether a registration for `workshopId` fits next to the confirmed ones. */
function fits(
  c: ConferenceRow,
  workshops: WorkshopRow[],
  regs: RegistrationRow[],
  workshopId: string | null,
) {
  if (countBy(regs, 'confirmed') >= c.capacity) return false;
  if (!workshopId) return true;
  const w = workshops.find((x) => x.id === workshopId);
  return !!w && countBy(regs, 'confirmed', w.id) < w.capacity;
}

/** Registers (confirmed or waiting list); returns the personal link's token and the status. */
export async function register(
  s: TenantScope,
  conferenceId: string,
  input: RegistrationInput,
): Promise<{ token: string; status: RegistrationStatus }> {
  return s.transaction(async (tx) => {
    await lockConference(tx, conferenceId);
    const c = await requireConference(tx, conferenceId);
    const [workshops, regs] = await Promise.all([
      workshopRows(tx, [conferenceId]),
      registrationRows(tx, [conferenceId]),
    ]);
    if (input.workshopId && !workshops.some((w) => w.id === input.workshopId)) {
      throw notFound('Der Workshop');
    }
    const status: RegistrationStatus = fits(c, workshops, regs, input.workshopId)
      ? 'confirmed'
      : 'waitlisted';
    const token = newToken();
    await insertRegistration(tx, {
      conferenceId,
      workshopId: input.workshopId,
      name: input.name,
      email: input.email,
      organisation: input.organisation,
      status,
      tokenHash: hashToken(token),
      consentAt: new Date().toISOString(),
    });
    return { token, status };
  });
}

/**
 * The number a person quotes to the Bildungsbüro (personal page, participant list): the first eight hex
 * digits of the registration's id. Not a secret — the personal link's token is.
 */
export const registrationNumber = (id: string): string =>
  `A-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

/**
 * Place on the waiting list (1 = next) in order of registration, or null when not waiting. A later
 * registration for a workshop with a free place can move up earlier (the overall capacity permitting).
 */
export async function waitlistPosition(
  s: TenantScope,
  registration: RegistrationRow,
): Promise<number | null> {
  if (registration.status !== 'waitlisted') return null;
  const regs = await registrationRows(s, [registration.conferenceId]);
  const waiting = regs.filter((r) => r.status === 'waitlisted');
  const at = waiting.findIndex((r) => r.id === registration.id);
  return at < 0 ? null : at + 1;
}

/** The conference as an iCalendar file for the person's calendar (Outlook, Thunderbird, phones). */
export function conferenceIcs(
  c: Pick<ConferenceRow, 'id' | 'title' | 'startsAt' | 'endsAt' | 'place'>,
  p: { tenantName: string; workshop: string | null; link: string; waitlisted: boolean },
): string {
  const cal = ical({ name: `${c.title} – ${p.tenantName}`, prodId: { company: 'DKBM', product: 'network' } });
  const lines = [
    p.waitlisted ? 'Sie stehen auf der Warteliste (noch kein fester Platz).' : 'Sie sind angemeldet.',
    ...(p.workshop ? [`Workshop: ${p.workshop}`] : []),
    `Status und Abmeldung: ${p.link}`,
  ];
  cal.createEvent({
    id: `${c.id}@dkbm`,
    start: new Date(c.startsAt),
    end: new Date(c.endsAt),
    summary: p.waitlisted ? `Warteliste: ${c.title}` : c.title,
    description: lines.join('\n'),
    location: c.place ?? null,
    url: p.link,
  });
  return cal.toString();
}

/** The registration of a personal link with its conference and the scope of its tenant. */
export async function registrationOfLink(db: Tx, token: string) {
  const found = await registrationByToken(db, hashToken(token));
  if (!found) return null;
  const s = tenantScope(db, found.tenantId);
  const [conference] = await conferenceRows(s, found.registration.conferenceId);
  if (!conference || conference.purgedAt) return null;
  const workshops = await workshopRows(s, [conference.id]);
  return { ...found, s, conference, workshops };
}

/**
 * Cancels a registration; a freed confirmed place goes to the earliest waiting registrations that fit.
 * Returns the ids of the registrations that moved up.
 */
export async function cancelRegistration(s: TenantScope, registrationId: string): Promise<string[]> {
  return s.transaction(async (tx) => {
    const own = await registrationRow(tx, registrationId);
    if (!own) throw notFound('Die Anmeldung');
    await lockConference(tx, own.conferenceId);
    const c = await requireConference(tx, own.conferenceId);
    const regs = await registrationRows(tx, [c.id]);
    const me = regs.find((r) => r.id === registrationId)!;
    if (me.status === 'cancelled') return [];
    const wasConfirmed = me.status === 'confirmed';
    const now = new Date().toISOString();
    await updateRegistrationRow(tx, me.id, { status: 'cancelled', cancelledAt: now });
    me.status = 'cancelled';
    if (!wasConfirmed) return [];
    const workshops = await workshopRows(tx, [c.id]);
    const moved: string[] = [];
    for (const r of regs) {
      if (r.status !== 'waitlisted' || !fits(c, workshops, regs, r.workshopId)) continue;
      r.status = 'confirmed';
      await updateRegistrationRow(tx, r.id, { status: 'confirmed' });
      moved.push(r.id);
    }
    return moved;
  });
}

/** Anonymous feedback through a registration's link, once per registration, after the start. */
export async function giveFeedback(
  s: TenantScope,
  registration: RegistrationRow,
  rating: number,
  comment: string | null,
): Promise<void> {
  if (registration.feedbackAt) throw conflict('Zu dieser Anmeldung gibt es schon eine Rückmeldung.');
  await s.transaction(async (tx) => {
    await insertFeedback(tx, { conferenceId: registration.conferenceId, rating, comment });
    await updateRegistrationRow(tx, registration.id, { feedbackAt: new Date().toISOString() });
  });
}
