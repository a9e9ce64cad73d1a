import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  instrumentContentSchema,
  type Answer,
  type Consolidation,
  type FrameworkValue,
  type Goal,
  type Instrument,
  type InstrumentContent,
  type Participant,
  type RaterView,
  type Results,
  type Round,
  type RoundCandidate,
} from '@dkbm/contract';
import {
  DEFAULT_INSTRUMENT,
  DEFAULT_INSTRUMENT_FAMILY,
  componentStats,
  medianOf,
  nextLevel,
} from '@dkbm/domain';
import type { Db, Tx } from '../../platform/db/client';
import {
  assessmentAgreements,
  assessmentAnswers,
  assessmentFiles,
  assessmentGoals,
  assessmentInstruments,
  assessmentParticipants,
  assessmentRounds,
  assessmentShares,
  memberships,
  tenants,
  users,
} from '../../platform/db/schema';
import { rows } from '../../platform/db/sqlRows';
import { prefillFramework } from './framework.prefill';
import { indicatorExists } from '../monitoring/catalog.service';
import { HttpError, badRequest, conflict, notFound } from '../../platform/http/errors';

/*
 * DKBM-Selbsteinschätzung: instruments (versioned data), rounds, raters, answers, workshop
 * consolidation, results with goals, sharing with a regional agency. Every function takes the tenant
 * and filters by it: an id of another tenant is "not found".
 */

export type RoundRow = typeof assessmentRounds.$inferSelect;
export type InstrumentRow = typeof assessmentInstruments.$inferSelect;
export type ParticipantRow = typeof assessmentParticipants.$inferSelect;
type RaterGroup = Participant['group'];

/** Fixed id of the shipped default instrument (version 1 of the DKBM development model). */
export const DEFAULT_INSTRUMENT_ID = '5f1d0c2a-7e43-4c1b-9a55-3d2b8e6f0001';

/** Timestamps as ISO 8601 (PGlite and node-postgres format them differently). */
export const iso = (s: string | null | undefined): string | null => (s ? new Date(s).toISOString() : null);

/* ---------- instruments ---------- */

const seeded = new WeakSet<object>();

/** Insert the shipped default instrument once (idempotent; a stored version is never changed). */
export async function ensureDefaultInstrument(db: Tx): Promise<void> {
  if (seeded.has(db)) return;
  await db
    .insert(assessmentInstruments)
    .values({
      id: DEFAULT_INSTRUMENT_ID,
      tenantId: null,
      family: DEFAULT_INSTRUMENT_FAMILY,
      version: 1,
      content: DEFAULT_INSTRUMENT,
    })
    .onConflictDoNothing();
  seeded.add(db);
}

export function contentOf(row: InstrumentRow): InstrumentContent {
  return instrumentContentSchema.parse(row.content);
}

/** An instrument version the tenant may use: the platform default or one of its own. */
export async function getInstrument(db: Tx, tenantId: string, id: string): Promise<InstrumentRow> {
  await ensureDefaultInstrument(db);
  const r = await db
    .select()
    .from(assessmentInstruments)
    .where(
      and(
        eq(assessmentInstruments.id, id),
        sql`(${assessmentInstruments.tenantId} IS NULL OR ${assessmentInstruments.tenantId} = ${tenantId})`,
      ),
    )
    .limit(1);
  if (!r[0]) throw notFound('Das Instrument');
  return r[0];
}

export async function listInstruments(db: Db, tenantId: string): Promise<Instrument[]> {
  await ensureDefaultInstrument(db);
  const r = await db
    .select({
      i: assessmentInstruments,
      usedBy: sql<number>`(SELECT count(*)::int FROM assessment_rounds r
                            WHERE r.instrument_id = assessment_instruments.id AND r.tenant_id = ${tenantId})`,
    })
    .from(assessmentInstruments)
    .where(
      sql`(${assessmentInstruments.tenantId} IS NULL OR ${assessmentInstruments.tenantId} = ${tenantId})`,
    )
    .orderBy(asc(assessmentInstruments.family), asc(assessmentInstruments.version));
  return r.map(({ i, usedBy }) => toInstrumentDto(i, usedBy));
}

function toInstrumentDto(i: InstrumentRow, usedBy: number): Instrument {
  return {
    id: i.id,
    family: i.family,
    version: i.version,
    tenantId: i.tenantId,
    content: contentOf(i),
    createdAt: iso(i.createdAt)!,
    usedBy,
  };
}

/**
 * Adapt an instrument: a new version (max + 1 over the default and the tenant's versions of the same
 * family). Existing versions stay as they are, so rounds keep the texts they were made with.
 */
export async function createInstrumentVersion(
  db: Db,
  tenantId: string,
  userId: string,
  basedOn: string,
  content: InstrumentContent,
): Promise<Instrument> {
  const base = await getInstrument(db, tenantId, basedOn);
  const keys = new Set<string>();
  for (const f of content.frameworkConditions) {
    if (keys.has(f.key))
      throw badRequest(`Die Rahmenbedingung „${f.key}“ ist doppelt.`, { field: 'content' });
    keys.add(f.key);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const max = await rows<{ v: number | null }>(
      db,
      sql`SELECT max(version)::int AS v FROM assessment_instruments
           WHERE family = ${base.family} AND (tenant_id IS NULL OR tenant_id = ${tenantId})`,
    );
    const version = (max[0]?.v ?? 0) + 1;
    const inserted = await db
      .insert(assessmentInstruments)
      .values({ tenantId, family: base.family, version, content, basedOn: base.id, createdBy: userId })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) return toInstrumentDto(inserted[0], 0);
  }
  throw conflict('Das Instrument wurde gleichzeitig geändert. Bitte versuchen Sie es erneut.');
}

/** Default instrument of a new round: the tenant's newest own version, else the platform default. */
async function defaultInstrumentFor(db: Db, tenantId: string): Promise<InstrumentRow> {
  await ensureDefaultInstrument(db);
  const own = await db
    .select()
    .from(assessmentInstruments)
    .where(eq(assessmentInstruments.tenantId, tenantId))
    .orderBy(desc(assessmentInstruments.version), desc(assessmentInstruments.createdAt))
    .limit(1);
  if (own[0]) return own[0];
  return getInstrument(db, tenantId, DEFAULT_INSTRUMENT_ID);
}

/* ---------- rounds ---------- */

export async function loadRound(db: Tx, tenantId: string, roundId: string): Promise<RoundRow> {
  const r = await db
    .select()
    .from(assessmentRounds)
    .where(and(eq(assessmentRounds.tenantId, tenantId), eq(assessmentRounds.id, roundId)))
    .limit(1);
  if (!r[0]) throw notFound('Die Einschätzungsrunde');
  return r[0];
}

/** The round with the instrument version it was made with. */
export async function loadRoundWithInstrument(db: Tx, tenantId: string, roundId: string) {
  const round = await loadRound(db, tenantId, roundId);
  const instrument = await getInstrument(db, tenantId, round.instrumentId);
  return { round, instrumentRow: instrument, instrument: contentOf(instrument) };
}

export const closedMessage =
  'Die Runde ist abgeschlossen. Einschätzungen, Konsolidierung und Rahmenbedingungen können nicht mehr geändert werden.';

export function assertNotClosed(round: RoundRow): void {
  if (round.status === 'closed') throw new HttpError(409, 'round_closed', closedMessage);
}

export function assertOpen(round: RoundRow): void {
  assertNotClosed(round);
  if (round.status !== 'open') {
    throw new HttpError(
      409,
      'round_not_open',
      'Die Runde ist noch nicht geöffnet. Einschätzungen sind erst nach dem Öffnen möglich.',
    );
  }
}

export async function listRounds(db: Db, tenantId: string, roundIds?: string[]): Promise<Round[]> {
  if (roundIds && roundIds.length === 0) return [];
  const r = await db
    .select({
      r: assessmentRounds,
      version: assessmentInstruments.version,
      content: assessmentInstruments.content,
      participants: sql<number>`(SELECT count(*)::int FROM assessment_participants p
                                  WHERE p.round_id = ${assessmentRounds.id} AND p.revoked_at IS NULL)`,
      submitted: sql<number>`(SELECT count(*)::int FROM assessment_participants p
                               WHERE p.round_id = ${assessmentRounds.id} AND p.revoked_at IS NULL
                                 AND p.submitted_at IS NOT NULL)`,
      consolidated: sql<number>`(SELECT count(*)::int FROM assessment_agreements a
                                  WHERE a.round_id = ${assessmentRounds.id})`,
    })
    .from(assessmentRounds)
    .innerJoin(assessmentInstruments, eq(assessmentInstruments.id, assessmentRounds.instrumentId))
    .where(
      and(
        eq(assessmentRounds.tenantId, tenantId),
        roundIds ? inArray(assessmentRounds.id, roundIds) : undefined,
      ),
    )
    .orderBy(desc(assessmentRounds.endsOn), desc(assessmentRounds.createdAt));
  return r.map((x) => {
    const content = instrumentContentSchema.parse(x.content);
    return {
      id: x.r.id,
      title: x.r.title,
      purpose: x.r.purpose,
      startsOn: x.r.startsOn,
      endsOn: x.r.endsOn,
      status: x.r.status as Round['status'],
      anonymous: x.r.anonymous,
      instrumentId: x.r.instrumentId,
      instrumentVersion: x.version,
      instrumentTitle: content.title,
      createdAt: iso(x.r.createdAt)!,
      closedAt: iso(x.r.closedAt),
      participants: x.participants,
      submitted: x.submitted,
      consolidated: x.consolidated,
      components: content.components.length,
    };
  });
}

export async function roundDto(db: Db, tenantId: string, roundId: string): Promise<Round> {
  const r = await listRounds(db, tenantId, [roundId]);
  if (!r[0]) throw notFound('Die Einschätzungsrunde');
  return r[0];
}

function assertDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) {
    throw badRequest('Das Ende der Runde liegt vor ihrem Beginn.', {
      field: 'endsOn',
    });
  }
}

export async function createRound(
  db: Db,
  tenantId: string,
  userId: string,
  input: {
    title: string;
    purpose?: string | null | undefined;
    startsOn: string;
    endsOn: string;
    anonymous: boolean;
    instrumentId?: string | undefined;
  },
): Promise<Round> {
  assertDates(input.startsOn, input.endsOn);
  const instrument = input.instrumentId
    ? await getInstrument(db, tenantId, input.instrumentId)
    : await defaultInstrumentFor(db, tenantId);
  const [row] = await db
    .insert(assessmentRounds)
    .values({
      tenantId,
      instrumentId: instrument.id,
      title: input.title,
      purpose: input.purpose ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      anonymous: input.anonymous,
      createdBy: userId,
    })
    .returning({ id: assessmentRounds.id });
  return roundDto(db, tenantId, row!.id);
}

const ORDER: Record<string, number> = { draft: 0, open: 1, closed: 2 };

export async function updateRound(
  db: Db,
  tenantId: string,
  roundId: string,
  patch: {
    title?: string | undefined;
    purpose?: string | null | undefined;
    startsOn?: string | undefined;
    endsOn?: string | undefined;
    anonymous?: boolean | undefined;
    status?: 'draft' | 'open' | 'closed' | undefined;
  },
): Promise<Round> {
  const round = await loadRound(db, tenantId, roundId);
  assertNotClosed(round);
  assertDates(patch.startsOn ?? round.startsOn, patch.endsOn ?? round.endsOn);
  if (patch.anonymous !== undefined && patch.anonymous !== round.anonymous && round.status !== 'draft') {
    throw conflict(
      'Ob eine Runde anonym ist, kann nur im Entwurf geändert werden: die Beteiligten haben unter dieser Zusage eingeschätzt.',
      { field: 'anonymous' },
    );
  }
  const set: Partial<typeof assessmentRounds.$inferInsert> = {};
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.purpose !== undefined) set.purpose = patch.purpose;
  if (patch.startsOn !== undefined) set.startsOn = patch.startsOn;
  if (patch.endsOn !== undefined) set.endsOn = patch.endsOn;
  if (patch.anonymous !== undefined) set.anonymous = patch.anonymous;
  if (patch.status !== undefined && patch.status !== round.status) {
    if (ORDER[patch.status]! !== ORDER[round.status]! + 1) {
      throw conflict(
        'Der Status einer Runde wechselt nur vom Entwurf zu „geöffnet“ und dann zu „abgeschlossen“.',
        { field: 'status' },
      );
    }
    set.status = patch.status;
    if (patch.status === 'open') set.openedAt = sql`now()` as unknown as string;
    if (patch.status === 'closed') set.closedAt = sql`now()` as unknown as string;
  }
  if (Object.keys(set).length) {
    // The status condition keeps a concurrent close from being overwritten.
    const r = await db
      .update(assessmentRounds)
      .set(set)
      .where(
        and(
          eq(assessmentRounds.tenantId, tenantId),
          eq(assessmentRounds.id, roundId),
          eq(assessmentRounds.status, round.status),
        ),
      )
      .returning({ id: assessmentRounds.id });
    if (!r[0]) throw conflict('Die Runde wurde gleichzeitig geändert. Bitte laden Sie die Seite neu.');
  }
  return roundDto(db, tenantId, roundId);
}

export async function deleteDraftRound(db: Db, tenantId: string, roundId: string): Promise<void> {
  const round = await loadRound(db, tenantId, roundId);
  if (round.status !== 'draft') {
    throw conflict('Nur Runden im Entwurf können gelöscht werden.');
  }
  await db
    .delete(assessmentRounds)
    .where(
      and(
        eq(assessmentRounds.tenantId, tenantId),
        eq(assessmentRounds.id, roundId),
        eq(assessmentRounds.status, 'draft'),
      ),
    );
}

/** Rounds in which the user is an active rater. */
export async function myRounds(db: Db, tenantId: string, userId: string): Promise<Round[]> {
  const ids = await db
    .select({ id: assessmentParticipants.roundId })
    .from(assessmentParticipants)
    .where(
      and(
        eq(assessmentParticipants.tenantId, tenantId),
        eq(assessmentParticipants.userId, userId),
        isNull(assessmentParticipants.revokedAt),
      ),
    );
  return listRounds(
    db,
    tenantId,
    ids.map((i) => i.id),
  );
}

/* ---------- participants ---------- */

/** End of a calendar day in Europe/Berlin as an ISO instant (an external link works through that day). */
export function endOfDayBerlin(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcGuess = Date.UTC(y, m - 1, d, 23, 59, 59);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(utcGuess));
  const berlinHour = Number(parts.find((p) => p.type === 'hour')?.value ?? '23');
  const offsetHours = (berlinHour - 23 + 24) % 24; // 1 (CET) or 2 (CEST)
  return new Date(utcGuess - offsetHours * 3600_000).toISOString();
}

interface ParticipantListRow {
  id: string;
  kind: string;
  user_id: string | null;
  label: string | null;
  display_name: string | null;
  rater_group: string;
  expires_at: string | null;
  revoked_at: string | null;
  submitted_at: string | null;
  last_saved_at: string | null;
  answered: number;
}

export async function listParticipants(
  db: Tx,
  tenantId: string,
  roundId: string,
  participantId?: string,
): Promise<Participant[]> {
  const r = await rows<ParticipantListRow>(
    db,
    sql`SELECT p.id, p.kind, p.user_id, p.label, u.display_name, p.rater_group,
               p.expires_at::text AS expires_at, p.revoked_at::text AS revoked_at,
               p.submitted_at::text AS submitted_at, p.last_saved_at::text AS last_saved_at,
               (SELECT count(*)::int FROM assessment_answers a
                 WHERE a.participant_id = p.id AND (a.level IS NOT NULL OR a.cannot_assess)) AS answered
          FROM assessment_participants p
          LEFT JOIN users u ON u.id = p.user_id
         WHERE p.tenant_id = ${tenantId} AND p.round_id = ${roundId}
           ${participantId ? sql`AND p.id = ${participantId}` : sql``}
         ORDER BY p.created_at, p.id`,
  );
  return r.map((p) => ({
    id: p.id,
    kind: p.kind as 'user' | 'external',
    userId: p.user_id,
    label: p.kind === 'user' ? (p.display_name ?? 'Unbekannte Person') : (p.label ?? ''),
    group: p.rater_group as RaterGroup,
    expiresAt: iso(p.expires_at),
    revokedAt: iso(p.revoked_at),
    submittedAt: iso(p.submitted_at),
    lastSavedAt: iso(p.last_saved_at),
    answered: p.answered,
  }));
}

/**
 * People of the municipality the Redaktion can invite to a round: active members with an active account
 * who are not invited yet (a revoked invitation can be renewed). Only name, e-mail and role — the member
 * picker needs no more, and it is all an editor (data.write, not users.read) gets to see of the people.
 */
export async function listRoundCandidates(
  db: Db,
  tenantId: string,
  round: RoundRow,
): Promise<RoundCandidate[]> {
  const r = await rows<{ id: string; display_name: string; email: string; role: string }>(
    db,
    sql`SELECT u.id, u.display_name, u.email, m.role
          FROM memberships m
          JOIN users u ON u.id = m.user_id
         WHERE m.tenant_id = ${tenantId} AND m.active AND u.active
           AND NOT EXISTS (
             SELECT 1 FROM assessment_participants p
              WHERE p.tenant_id = ${tenantId} AND p.round_id = ${round.id}
                AND p.user_id = u.id AND p.revoked_at IS NULL)
         ORDER BY u.display_name, u.email, u.id`,
  );
  return r.map((u) => ({
    id: u.id,
    displayName: u.display_name,
    email: u.email,
    role: u.role as RoundCandidate['role'],
  }));
}

export async function addUserParticipant(
  db: Db,
  tenantId: string,
  round: RoundRow,
  actorId: string,
  input: { userId: string; group: RaterGroup },
): Promise<Participant> {
  assertNotClosed(round);
  const member = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.userId, input.userId),
        eq(memberships.active, true),
        eq(users.active, true),
      ),
    )
    .limit(1);
  if (!member[0]) throw notFound('Die Person');
  const existing = await db
    .select()
    .from(assessmentParticipants)
    .where(and(eq(assessmentParticipants.roundId, round.id), eq(assessmentParticipants.userId, input.userId)))
    .limit(1);
  let id: string;
  if (existing[0]) {
    if (!existing[0].revokedAt) throw conflict('Diese Person ist bereits zur Runde eingeladen.');
    await db
      .update(assessmentParticipants)
      .set({ revokedAt: null, raterGroup: input.group })
      .where(eq(assessmentParticipants.id, existing[0].id));
    id = existing[0].id;
  } else {
    const [row] = await db
      .insert(assessmentParticipants)
      .values({
        tenantId,
        roundId: round.id,
        kind: 'user',
        userId: input.userId,
        raterGroup: input.group,
        createdBy: actorId,
      })
      .onConflictDoNothing()
      .returning({ id: assessmentParticipants.id });
    if (!row) throw conflict('Diese Person ist bereits zur Runde eingeladen.');
    id = row.id;
  }
  return (await listParticipants(db, tenantId, round.id, id))[0]!;
}

export async function addExternalParticipant(
  db: Db,
  tenantId: string,
  round: RoundRow,
  actorId: string,
  input: { label: string; group: RaterGroup; expiresAt?: string | undefined; tokenHash: string },
): Promise<Participant> {
  assertNotClosed(round);
  const expiresOn = input.expiresAt ?? round.endsOn;
  const expiresAt = endOfDayBerlin(expiresOn);
  if (new Date(expiresAt).getTime() <= Date.now()) {
    throw badRequest('Der Link wäre bereits abgelaufen. Bitte wählen Sie ein Datum in der Zukunft.', {
      field: 'expiresAt',
    });
  }
  const [row] = await db
    .insert(assessmentParticipants)
    .values({
      tenantId,
      roundId: round.id,
      kind: 'external',
      label: input.label,
      raterGroup: input.group,
      tokenHash: input.tokenHash,
      expiresAt,
      createdBy: actorId,
    })
    .returning({ id: assessmentParticipants.id });
  return (await listParticipants(db, tenantId, round.id, row!.id))[0]!;
}

/** Revoke a rater: a link stops working, a user can no longer answer; their answers no longer count. */
export async function revokeParticipant(
  db: Db,
  tenantId: string,
  round: RoundRow,
  participantId: string,
): Promise<Participant> {
  const p = await db
    .select()
    .from(assessmentParticipants)
    .where(
      and(
        eq(assessmentParticipants.tenantId, tenantId),
        eq(assessmentParticipants.roundId, round.id),
        eq(assessmentParticipants.id, participantId),
      ),
    )
    .limit(1);
  if (!p[0]) throw notFound('Die eingeladene Person');
  assertNotClosed(round);
  if (!p[0].revokedAt) {
    await db
      .update(assessmentParticipants)
      .set({ revokedAt: sql`now()` as unknown as string })
      .where(eq(assessmentParticipants.id, participantId));
  }
  return (await listParticipants(db, tenantId, round.id, participantId))[0]!;
}

/* ---------- answering ---------- */

/** The active participation of a signed-in user in a round (403 when not invited). */
export async function userParticipant(
  db: Tx,
  tenantId: string,
  roundId: string,
  userId: string,
): Promise<ParticipantRow> {
  const r = await db
    .select()
    .from(assessmentParticipants)
    .where(
      and(
        eq(assessmentParticipants.tenantId, tenantId),
        eq(assessmentParticipants.roundId, roundId),
        eq(assessmentParticipants.userId, userId),
        eq(assessmentParticipants.kind, 'user'),
        isNull(assessmentParticipants.revokedAt),
      ),
    )
    .limit(1);
  if (!r[0]) {
    throw new HttpError(403, 'not_invited', 'Sie sind zu dieser Einschätzungsrunde nicht eingeladen.');
  }
  return r[0];
}

/**
 * The participation behind an external link: the token must match, not be revoked or expired. Unknown,
 * revoked and expired tokens are indistinguishable (null).
 */
export async function externalParticipant(
  db: Db,
  tokenHash: string,
): Promise<{ participant: ParticipantRow; round: RoundRow; tenantName: string } | null> {
  const r = await db
    .select({ p: assessmentParticipants, r: assessmentRounds, tenantName: tenants.name })
    .from(assessmentParticipants)
    .innerJoin(assessmentRounds, eq(assessmentRounds.id, assessmentParticipants.roundId))
    .innerJoin(tenants, eq(tenants.id, assessmentParticipants.tenantId))
    .where(
      and(
        eq(assessmentParticipants.tokenHash, tokenHash),
        eq(assessmentParticipants.kind, 'external'),
        isNull(assessmentParticipants.revokedAt),
        sql`${assessmentParticipants.expiresAt} > now()`,
        eq(assessmentRounds.tenantId, assessmentParticipants.tenantId),
      ),
    )
    .limit(1);
  if (!r[0]) return null;
  return { participant: r[0].p, round: r[0].r, tenantName: r[0].tenantName };
}

export async function answersOf(db: Tx, participantId: string): Promise<Answer[]> {
  const r = await db
    .select({
      a: assessmentAnswers,
      f: { id: assessmentFiles.id, name: assessmentFiles.name, size: assessmentFiles.size },
    })
    .from(assessmentAnswers)
    .leftJoin(assessmentFiles, eq(assessmentFiles.id, assessmentAnswers.evidenceFileId))
    .where(eq(assessmentAnswers.participantId, participantId));
  return r.map(({ a, f }) => toAnswer(a, f && f.id ? { id: f.id, name: f.name!, size: f.size! } : null));
}

function toAnswer(
  a: typeof assessmentAnswers.$inferSelect,
  file: { id: string; name: string; size: number } | null,
): Answer {
  return {
    componentKey: a.componentKey,
    level: a.level,
    cannotAssess: a.cannotAssess,
    comment: a.comment,
    evidenceUrl: a.evidenceUrl,
    evidenceFile: file,
    updatedAt: iso(a.updatedAt),
  };
}

export async function raterView(
  db: Db,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  tenantName: string,
): Promise<RaterView> {
  const answers = await answersOf(db, participant.id);
  const keys = new Set(instrument.components.map((c) => c.key));
  return {
    round: {
      id: round.id,
      title: round.title,
      purpose: round.purpose,
      endsOn: round.endsOn,
      status: round.status as RaterView['round']['status'],
    },
    tenantName,
    instrument,
    answers: answers
      .filter((a) => keys.has(a.componentKey))
      .toSorted(
        (a, b) =>
          instrument.components.findIndex((c) => c.key === a.componentKey) -
          instrument.components.findIndex((c) => c.key === b.componentKey),
      ),
    submittedAt: iso(participant.submittedAt),
  };
}

export interface AnswerInput {
  level: number | null;
  cannotAssess: boolean;
  comment?: string | null | undefined;
  evidenceUrl?: string | null | undefined;
}

export function assertComponent(instrument: InstrumentContent, componentKey: string) {
  const c = instrument.components.find((x) => x.key === componentKey);
  if (!c) throw notFound('Die Komponente');
  return c;
}

/** Save one answer of a rater (upsert). The round must be open. */
export async function saveAnswer(
  db: Tx,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  componentKey: string,
  input: AnswerInput,
): Promise<Answer> {
  assertOpen(round);
  assertComponent(instrument, componentKey);
  const empty = (s: string | null | undefined) => (s === undefined ? undefined : s?.trim() ? s.trim() : null);
  const comment = empty(input.comment);
  const evidenceUrl = empty(input.evidenceUrl);
  const level = input.cannotAssess ? null : input.level;
  const update: Partial<typeof assessmentAnswers.$inferInsert> = {
    level,
    cannotAssess: input.cannotAssess,
    updatedAt: sql`now()` as unknown as string,
  };
  if (comment !== undefined) update.comment = comment;
  if (evidenceUrl !== undefined) update.evidenceUrl = evidenceUrl;
  await db
    .insert(assessmentAnswers)
    .values({
      participantId: participant.id,
      tenantId: participant.tenantId,
      roundId: round.id,
      componentKey,
      level,
      cannotAssess: input.cannotAssess,
      comment: comment ?? null,
      evidenceUrl: evidenceUrl ?? null,
    })
    .onConflictDoUpdate({
      target: [assessmentAnswers.participantId, assessmentAnswers.componentKey],
      set: update,
    });
  await touchParticipant(db, participant.id);
  const a = (await answersOf(db, participant.id)).find((x) => x.componentKey === componentKey);
  return a!;
}

async function touchParticipant(db: Tx, participantId: string) {
  await db
    .update(assessmentParticipants)
    .set({ lastSavedAt: sql`now()` as unknown as string })
    .where(eq(assessmentParticipants.id, participantId));
}

/** Components of the instrument the rater has not answered (neither a type nor „kann ich nicht einschätzen“). */
export function missingComponents(instrument: InstrumentContent, answers: Answer[]) {
  const done = new Set(answers.filter((a) => a.level !== null || a.cannotAssess).map((a) => a.componentKey));
  return instrument.components.filter((c) => !done.has(c.key));
}

export async function submitAnswers(
  db: Db,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
): Promise<void> {
  assertOpen(round);
  const missing = missingComponents(instrument, await answersOf(db, participant.id));
  if (missing.length) {
    throw new HttpError(
      400,
      'incomplete',
      `Bitte schätzen Sie noch ein (oder wählen Sie „kann ich nicht einschätzen“): ${missing.map((m) => m.name).join(', ')}.`,
      { missing: missing.map((m) => m.key) },
    );
  }
  await db
    .update(assessmentParticipants)
    .set({
      submittedAt: sql`now()` as unknown as string,
      lastSavedAt: sql`now()` as unknown as string,
    })
    .where(eq(assessmentParticipants.id, participant.id));
}

/* ---------- evidence files ---------- */

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const EVIDENCE_TYPES: Record<
  string,
  { mime: string; magic: 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'zip' | 'ole' }
> = {
  pdf: { mime: 'application/pdf', magic: 'pdf' },
  png: { mime: 'image/png', magic: 'png' },
  jpg: { mime: 'image/jpeg', magic: 'jpeg' },
  jpeg: { mime: 'image/jpeg', magic: 'jpeg' },
  gif: { mime: 'image/gif', magic: 'gif' },
  webp: { mime: 'image/webp', magic: 'webp' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: 'zip',
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: 'zip',
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', magic: 'zip' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', magic: 'zip' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', magic: 'zip' },
  doc: { mime: 'application/msword', magic: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', magic: 'ole' },
  ppt: { mime: 'application/vnd.ms-powerpoint', magic: 'ole' },
};

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The MIME type of an evidence file, checked by extension and content; null when not allowed. */
export function evidenceType(fileName: string, bytes: Uint8Array): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const t = EVIDENCE_TYPES[ext];
  if (!t) return null;
  const ok = {
    pdf: () => startsWith(bytes, [0x25, 0x50, 0x44, 0x46]),
    png: () => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]),
    jpeg: () => startsWith(bytes, [0xff, 0xd8, 0xff]),
    gif: () => startsWith(bytes, [0x47, 0x49, 0x46, 0x38]),
    webp: () => startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8),
    zip: () => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]),
    ole: () => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  }[t.magic]();
  return ok ? t.mime : null;
}

/** Attach (or replace) the evidence file of an answer. */
export async function attachEvidence(
  db: Db,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  componentKey: string,
  file: { name: string; mime: string; bytes: Uint8Array },
): Promise<Answer> {
  assertOpen(round);
  assertComponent(instrument, componentKey);
  const name = file.name.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'nachweis';
  await db.transaction(async (tx) => {
    const [f] = await tx
      .insert(assessmentFiles)
      .values({
        tenantId: participant.tenantId,
        roundId: round.id,
        participantId: participant.id,
        componentKey,
        name,
        mime: file.mime,
        size: file.bytes.byteLength,
        content: Buffer.from(file.bytes).toString('base64'),
      })
      .returning({ id: assessmentFiles.id });
    const previous = await tx
      .select({ fileId: assessmentAnswers.evidenceFileId })
      .from(assessmentAnswers)
      .where(
        and(
          eq(assessmentAnswers.participantId, participant.id),
          eq(assessmentAnswers.componentKey, componentKey),
        ),
      );
    await tx
      .insert(assessmentAnswers)
      .values({
        participantId: participant.id,
        tenantId: participant.tenantId,
        roundId: round.id,
        componentKey,
        evidenceFileId: f!.id,
      })
      .onConflictDoUpdate({
        target: [assessmentAnswers.participantId, assessmentAnswers.componentKey],
        set: { evidenceFileId: f!.id, updatedAt: sql`now()` as unknown as string },
      });
    const old = previous[0]?.fileId;
    if (old) await tx.delete(assessmentFiles).where(eq(assessmentFiles.id, old));
    await touchParticipant(tx, participant.id);
  });
  return (await answersOf(db, participant.id)).find((a) => a.componentKey === componentKey)!;
}

export async function removeEvidence(
  db: Db,
  round: RoundRow,
  instrument: InstrumentContent,
  participant: ParticipantRow,
  componentKey: string,
): Promise<Answer> {
  assertOpen(round);
  assertComponent(instrument, componentKey);
  await db
    .delete(assessmentFiles)
    .where(
      and(eq(assessmentFiles.participantId, participant.id), eq(assessmentFiles.componentKey, componentKey)),
    );
  const a = (await answersOf(db, participant.id)).find((x) => x.componentKey === componentKey);
  if (!a) throw notFound('Die Antwort');
  return a;
}

export async function loadEvidenceFile(db: Db, tenantId: string, roundId: string, fileId: string) {
  const r = await db
    .select()
    .from(assessmentFiles)
    .where(
      and(
        eq(assessmentFiles.tenantId, tenantId),
        eq(assessmentFiles.roundId, roundId),
        eq(assessmentFiles.id, fileId),
      ),
    )
    .limit(1);
  if (!r[0]) throw notFound('Die Datei');
  return r[0];
}

/* ---------- ratings, consolidation ---------- */

export interface RatingRow {
  participantId: string;
  kind: string;
  label: string;
  group: RaterGroup;
  componentKey: string;
  level: number | null;
  cannotAssess: boolean;
  comment: string | null;
  evidenceUrl: string | null;
  evidenceFile: { id: string; name: string; size: number } | null;
  updatedAt: string | null;
}

/** All answers of the round's active (not revoked) raters. */
export async function ratingsOf(db: Tx, tenantId: string, roundId: string): Promise<RatingRow[]> {
  const r = await rows<{
    participant_id: string;
    kind: string;
    label: string | null;
    display_name: string | null;
    rater_group: string;
    component_key: string;
    level: number | null;
    cannot_assess: boolean;
    comment: string | null;
    evidence_url: string | null;
    file_id: string | null;
    file_name: string | null;
    file_size: number | null;
    updated_at: string | null;
  }>(
    db,
    sql`SELECT a.participant_id, p.kind, p.label, u.display_name, p.rater_group, a.component_key,
               a.level, a.cannot_assess, a.comment, a.evidence_url, f.id AS file_id, f.name AS file_name,
               f.size AS file_size, a.updated_at::text AS updated_at
          FROM assessment_answers a
          JOIN assessment_participants p ON p.id = a.participant_id AND p.revoked_at IS NULL
          LEFT JOIN users u ON u.id = p.user_id
          LEFT JOIN assessment_files f ON f.id = a.evidence_file_id
         WHERE a.tenant_id = ${tenantId} AND a.round_id = ${roundId}
         ORDER BY p.created_at, p.id`,
  );
  return r.map((x) => ({
    participantId: x.participant_id,
    kind: x.kind,
    label: x.kind === 'user' ? (x.display_name ?? 'Unbekannte Person') : (x.label ?? ''),
    group: x.rater_group as RaterGroup,
    componentKey: x.component_key,
    level: x.level,
    cannotAssess: x.cannot_assess,
    comment: x.comment,
    evidenceUrl: x.evidence_url,
    evidenceFile: x.file_id ? { id: x.file_id, name: x.file_name!, size: x.file_size! } : null,
    updatedAt: iso(x.updated_at),
  }));
}

async function agreementsOf(db: Tx, tenantId: string, roundId: string) {
  const r = await db
    .select({ a: assessmentAgreements, by: users.displayName })
    .from(assessmentAgreements)
    .leftJoin(users, eq(users.id, assessmentAgreements.decidedBy))
    .where(and(eq(assessmentAgreements.tenantId, tenantId), eq(assessmentAgreements.roundId, roundId)));
  return new Map(r.map((x) => [x.a.componentKey, { ...x.a, decidedByName: x.by }]));
}

export async function frameworkOf(round: RoundRow): Promise<Record<string, FrameworkValue>> {
  return (round.framework ?? {}) as Record<string, FrameworkValue>;
}

export async function consolidation(db: Db, tenantId: string, roundId: string): Promise<Consolidation> {
  const { round, instrument } = await loadRoundWithInstrument(db, tenantId, roundId);
  const ratings = await ratingsOf(db, tenantId, roundId);
  const agreed = await agreementsOf(db, tenantId, roundId);
  return {
    round: await roundDto(db, tenantId, roundId),
    instrument,
    components: instrument.components.map((c) => {
      const own = ratings.filter((r) => r.componentKey === c.key);
      const stats = componentStats(c.key, own, round.anonymous);
      const withText = own.filter((r) => r.comment || r.evidenceUrl || r.evidenceFile);
      const comments = round.anonymous
        ? stats.hidden
          ? []
          : withText
              .map((r) => ({
                label: null,
                group: null,
                text: r.comment ?? '',
                evidenceUrl: r.evidenceUrl,
                evidenceFile: r.evidenceFile,
              }))
              // No order that could be matched with the order of invitations.
              .toSorted(
                (a, b) =>
                  a.text.localeCompare(b.text, 'de') ||
                  (a.evidenceUrl ?? '').localeCompare(b.evidenceUrl ?? ''),
              )
        : withText.map((r) => ({
            label: r.label,
            group: r.group,
            text: r.comment ?? '',
            evidenceUrl: r.evidenceUrl,
            evidenceFile: r.evidenceFile,
          }));
      const a = agreed.get(c.key);
      return {
        key: c.key,
        stats,
        ratings: round.anonymous
          ? []
          : own
              .filter((r) => r.level !== null || r.cannotAssess)
              .map((r) => ({
                participantId: r.participantId,
                label: r.label,
                group: r.group,
                level: r.level,
                cannotAssess: r.cannotAssess,
              })),
        comments,
        agreed: a
          ? {
              level: a.level,
              rationale: a.rationale,
              decidedAt: iso(a.decidedAt)!,
              decidedBy: a.decidedByName ?? null,
            }
          : null,
      };
    }),
    framework: await frameworkOf(round),
  };
}

/** Record the agreed type of a component; creates or updates its development goal. */
export async function agree(
  db: Db,
  tenantId: string,
  roundId: string,
  componentKey: string,
  userId: string,
  input: { level: number; rationale: string },
): Promise<void> {
  const { round, instrument } = await loadRoundWithInstrument(db, tenantId, roundId);
  assertNotClosed(round);
  const component = assertComponent(instrument, componentKey);
  const target = nextLevel(input.level);
  await db.transaction(async (tx) => {
    await tx
      .insert(assessmentAgreements)
      .values({
        roundId,
        tenantId,
        componentKey,
        level: input.level,
        rationale: input.rationale,
        decidedBy: userId,
      })
      .onConflictDoUpdate({
        target: [assessmentAgreements.roundId, assessmentAgreements.componentKey],
        set: {
          level: input.level,
          rationale: input.rationale,
          decidedBy: userId,
          decidedAt: sql`now()` as unknown as string,
        },
      });
    await tx
      .insert(assessmentGoals)
      .values({
        tenantId,
        roundId,
        componentKey,
        fromLevel: input.level,
        targetLevel: target,
        targetText: component.types[target - 1]!,
      })
      .onConflictDoUpdate({
        target: [assessmentGoals.roundId, assessmentGoals.componentKey],
        set: {
          fromLevel: input.level,
          targetLevel: target,
          targetText: component.types[target - 1]!,
          updatedAt: sql`now()` as unknown as string,
        },
      });
  });
}

/* ---------- framework conditions ---------- */

export async function saveFramework(
  db: Db,
  tenantId: string,
  roundId: string,
  values: Record<string, FrameworkValue>,
): Promise<Record<string, FrameworkValue>> {
  const { round, instrument } = await loadRoundWithInstrument(db, tenantId, roundId);
  assertNotClosed(round);
  const defs = new Map(instrument.frameworkConditions.map((f) => [f.key, f]));
  const clean: Record<string, FrameworkValue> = {};
  for (const [key, v] of Object.entries(values)) {
    const def = defs.get(key);
    if (!def) throw badRequest(`Unbekannte Rahmenbedingung „${key}“.`, { field: key });
    const value = v.value?.trim() ? v.value.trim() : null;
    if (def.kind === 'number' && value !== null && !/^-?\d+(\.\d+)?$/.test(value)) {
      throw badRequest(`${def.name}: Bitte eine Zahl angeben (Dezimaltrennzeichen Punkt).`, { field: key });
    }
    clean[key] = {
      value,
      source: v.source,
      indicatorId: v.source === 'indicator' ? (v.indicatorId ?? null) : null,
      indicatorName: v.source === 'indicator' ? (v.indicatorName ?? null) : null,
      period: v.source === 'indicator' ? (v.period ?? null) : null,
      note: v.note?.trim() ? v.note.trim() : null,
    };
    // An indicator named as the source is an id like any other: it must be one of the tenant's (ADR 2).
    const indicatorId = clean[key]!.indicatorId;
    if (indicatorId && !(await indicatorExists(db, tenantId, indicatorId))) {
      throw new HttpError(404, 'not_found', `${def.name}: Der Indikator wurde nicht gefunden.`, {
        field: key,
      });
    }
  }
  const r = await db
    .update(assessmentRounds)
    .set({ framework: clean })
    .where(
      and(
        eq(assessmentRounds.tenantId, tenantId),
        eq(assessmentRounds.id, roundId),
        sql`${assessmentRounds.status} <> 'closed'`,
      ),
    )
    .returning({ id: assessmentRounds.id });
  if (!r[0]) throw new HttpError(409, 'round_closed', closedMessage);
  return clean;
}

/**
 * Suggested framework values from the tenant's monitoring data. Population (`einwohner`): the total
 * series of a population indicator at its latest period, summed over the top-most areas that have a
 * value then (areas whose parent has none, so that districts and their city are not counted twice).
 */
/** Suggestions for the framework conditions from the monitoring (see framework.prefill.ts). */
export async function frameworkPrefill(
  db: Db,
  tenantId: string,
  roundId: string,
): Promise<Record<string, FrameworkValue | null>> {
  const { instrument } = await loadRoundWithInstrument(db, tenantId, roundId);
  return prefillFramework(db, tenantId, instrument);
}

/* ---------- results and goals ---------- */

type GoalRow = typeof assessmentGoals.$inferSelect;
const toGoal = (g: GoalRow): Goal => ({
  id: g.id,
  componentKey: g.componentKey,
  fromLevel: g.fromLevel,
  targetLevel: g.targetLevel,
  targetText: g.targetText,
  plan: g.plan,
  owner: g.owner,
  dueOn: g.dueOn,
  status: g.status as Goal['status'],
  updatedAt: iso(g.updatedAt)!,
});

/** Agreed type per component key of a round. */
async function agreedProfile(db: Tx, tenantId: string, roundId: string): Promise<Map<string, number>> {
  const r = await db
    .select({ key: assessmentAgreements.componentKey, level: assessmentAgreements.level })
    .from(assessmentAgreements)
    .where(and(eq(assessmentAgreements.tenantId, tenantId), eq(assessmentAgreements.roundId, roundId)));
  return new Map(r.map((x) => [x.key, x.level]));
}

export async function results(db: Db, tenantId: string, roundId: string): Promise<Results> {
  const { round, instrument, instrumentRow } = await loadRoundWithInstrument(db, tenantId, roundId);
  const ratings = await ratingsOf(db, tenantId, roundId);
  const agreed = await agreedProfile(db, tenantId, roundId);
  const profile = instrument.components.map((c) => {
    const stats = componentStats(
      c.key,
      ratings.filter((r) => r.componentKey === c.key),
      round.anonymous,
    );
    return {
      key: c.key,
      name: c.name,
      agreed: agreed.get(c.key) ?? null,
      min: stats.min,
      max: stats.max,
    };
  });
  // Earlier closed rounds of the same instrument family with an agreed profile, newest first.
  const earlierRows = await rows<{ id: string; title: string; ends_on: string }>(
    db,
    sql`SELECT r.id, r.title, r.ends_on::text AS ends_on
          FROM assessment_rounds r
          JOIN assessment_instruments i ON i.id = r.instrument_id
         WHERE r.tenant_id = ${tenantId} AND r.id <> ${roundId} AND r.status = 'closed'
           AND i.family = ${instrumentRow.family}
           AND (r.ends_on < ${round.endsOn} OR (r.ends_on = ${round.endsOn} AND r.created_at < ${round.createdAt}))
           AND EXISTS (SELECT 1 FROM assessment_agreements a WHERE a.round_id = r.id)
         ORDER BY r.ends_on DESC, r.created_at DESC
         LIMIT 10`,
  );
  const earlier = [];
  for (const e of earlierRows) {
    const p = await agreedProfile(db, tenantId, e.id);
    earlier.push({
      roundId: e.id,
      title: e.title,
      endsOn: e.ends_on,
      profile: instrument.components.map((c) => ({ key: c.key, agreed: p.get(c.key) ?? null })),
    });
  }
  return {
    round: await roundDto(db, tenantId, roundId),
    instrument,
    profile,
    earlier,
    goals: await goalsOf(db, tenantId, roundId, instrument),
    framework: await frameworkOf(round),
  };
}

export async function goalsOf(
  db: Tx,
  tenantId: string,
  roundId: string,
  instrument: InstrumentContent,
): Promise<Goal[]> {
  const r = await db
    .select()
    .from(assessmentGoals)
    .where(and(eq(assessmentGoals.tenantId, tenantId), eq(assessmentGoals.roundId, roundId)));
  const order = (k: string) => {
    const i = instrument.components.findIndex((c) => c.key === k);
    return i < 0 ? 999 : i;
  };
  return r.map(toGoal).toSorted((a, b) => order(a.componentKey) - order(b.componentKey));
}

/** Goals stay editable after the round is closed (they are the work that follows it). */
export async function updateGoal(
  db: Db,
  tenantId: string,
  roundId: string,
  componentKey: string,
  patch: {
    plan?: string | null | undefined;
    owner?: string | null | undefined;
    dueOn?: string | null | undefined;
    status?: Goal['status'] | undefined;
  },
): Promise<Goal> {
  await loadRound(db, tenantId, roundId);
  const set: Partial<typeof assessmentGoals.$inferInsert> = { updatedAt: sql`now()` as unknown as string };
  const txt = (s: string | null) => (s?.trim() ? s.trim() : null);
  if (patch.plan !== undefined) set.plan = txt(patch.plan);
  if (patch.owner !== undefined) set.owner = txt(patch.owner);
  if (patch.dueOn !== undefined) set.dueOn = patch.dueOn;
  if (patch.status !== undefined) set.status = patch.status;
  const r = await db
    .update(assessmentGoals)
    .set(set)
    .where(
      and(
        eq(assessmentGoals.tenantId, tenantId),
        eq(assessmentGoals.roundId, roundId),
        eq(assessmentGoals.componentKey, componentKey),
      ),
    )
    .returning();
  if (!r[0]) {
    throw new HttpError(
      404,
      'not_found',
      'Für diese Komponente gibt es noch kein Entwicklungsziel: zuerst den Typ in der Konsolidierung vereinbaren.',
    );
  }
  return toGoal(r[0]);
}

/* ---------- sharing with regional agencies ---------- */

export async function listAgencies(db: Db, tenantId: string) {
  return db
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(and(eq(tenants.type, 'regionale_agentur'), sql`${tenants.id} <> ${tenantId}`))
    .orderBy(tenants.name);
}

export async function listShares(db: Db, tenantId: string) {
  const r = await db
    .select({ s: assessmentShares, agencyName: tenants.name, by: users.displayName })
    .from(assessmentShares)
    .innerJoin(tenants, eq(tenants.id, assessmentShares.agencyTenantId))
    .leftJoin(users, eq(users.id, assessmentShares.grantedBy))
    .where(eq(assessmentShares.tenantId, tenantId))
    .orderBy(tenants.name);
  return r.map((x) => ({
    agencyTenantId: x.s.agencyTenantId,
    agencyName: x.agencyName,
    grantedAt: iso(x.s.grantedAt)!,
    grantedBy: x.by ?? null,
  }));
}

export async function grantShare(db: Db, tenantId: string, agencyTenantId: string, userId: string) {
  const agency = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.id, agencyTenantId), eq(tenants.type, 'regionale_agentur')))
    .limit(1);
  if (!agency[0] || agencyTenantId === tenantId) throw notFound('Die regionale Agentur');
  await db
    .insert(assessmentShares)
    .values({ tenantId, agencyTenantId, grantedBy: userId })
    .onConflictDoNothing();
  return (await listShares(db, tenantId)).find((s) => s.agencyTenantId === agencyTenantId)!;
}

export async function revokeShare(db: Db, tenantId: string, agencyTenantId: string) {
  const r = await db
    .delete(assessmentShares)
    .where(and(eq(assessmentShares.tenantId, tenantId), eq(assessmentShares.agencyTenantId, agencyTenantId)))
    .returning({ id: assessmentShares.agencyTenantId });
  if (!r[0]) throw notFound('Die Freigabe');
}

/**
 * What a regional agency sees: for every municipality that currently shares with it, the agreed profile
 * of its latest closed round, and the median per component over them.
 */
export async function networkOverview(db: Db, agencyTenantId: string) {
  const sharing = await rows<{ tenant_id: string; name: string }>(
    db,
    sql`SELECT s.tenant_id, t.name FROM assessment_shares s JOIN tenants t ON t.id = s.tenant_id
         WHERE s.agency_tenant_id = ${agencyTenantId} ORDER BY t.name, t.id`,
  );
  const components: Array<{ key: string; name: string }> = DEFAULT_INSTRUMENT.components.map((c) => ({
    key: c.key,
    name: c.name,
  }));
  const municipalities = [];
  const profiles: Array<Map<string, number>> = [];
  for (const m of sharing) {
    const latest = (
      await db
        .select({ r: assessmentRounds, content: assessmentInstruments.content })
        .from(assessmentRounds)
        .innerJoin(assessmentInstruments, eq(assessmentInstruments.id, assessmentRounds.instrumentId))
        .where(
          and(
            eq(assessmentRounds.tenantId, m.tenant_id),
            eq(assessmentRounds.status, 'closed'),
            sql`EXISTS (SELECT 1 FROM assessment_agreements a WHERE a.round_id = ${assessmentRounds.id})`,
          ),
        )
        .orderBy(desc(assessmentRounds.endsOn), desc(assessmentRounds.closedAt))
        .limit(1)
    )[0];
    if (!latest) continue;
    const content = instrumentContentSchema.parse(latest.content);
    for (const c of content.components) {
      if (!components.some((x) => x.key === c.key)) components.push({ key: c.key, name: c.name });
    }
    const p = await agreedProfile(db, m.tenant_id, latest.r.id);
    profiles.push(p);
    municipalities.push({
      tenantId: m.tenant_id,
      name: m.name,
      roundTitle: latest.r.title,
      endsOn: latest.r.endsOn,
      p,
    });
  }
  return {
    components,
    municipalities: municipalities.map((m) => ({
      tenantId: m.tenantId,
      name: m.name,
      roundTitle: m.roundTitle,
      endsOn: m.endsOn,
      profile: components.map((c) => ({ key: c.key, agreed: m.p.get(c.key) ?? null })),
    })),
    median: components.map((c) => {
      const values = profiles.map((p) => p.get(c.key) ?? null);
      return { key: c.key, median: medianOf(values), n: values.filter((v) => v !== null).length };
    }),
  };
}
