import { instrumentContentSchema, type Round } from '@dkbm/contract';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { assertNotClosed, iso, type RoundRow } from './assessment.common';
import { contentOf, defaultInstrumentFor, getInstrument } from './instruments.service';
import {
  deleteDraft,
  findRound,
  insertRound,
  roundIdsOfRater,
  roundsWithCounts,
  updateRoundRow,
} from './rounds.repo';

/* Rounds go draft → open → closed (ADR 0007). */

export async function loadRound(s: TenantScope, roundId: string): Promise<RoundRow> {
  const r = await findRound(s, roundId);
  if (!r) throw notFound('Die Einschätzungsrunde');
  return r;
}

/** The round with the instrument version it was made with. */
export async function loadRoundWithInstrument(s: TenantScope, roundId: string) {
  const round = await loadRound(s, roundId);
  const instrument = await getInstrument(s, round.instrumentId);
  return { round, instrumentRow: instrument, instrument: contentOf(instrument) };
}

export async function listRounds(s: TenantScope, roundIds?: string[]): Promise<Round[]> {
  if (roundIds && roundIds.length === 0) return [];
  const r = await roundsWithCounts(s, roundIds);
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

export async function roundDto(s: TenantScope, roundId: string): Promise<Round> {
  const r = await listRounds(s, [roundId]);
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
  s: TenantScope,
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
    ? await getInstrument(s, input.instrumentId)
    : await defaultInstrumentFor(s);
  const id = await insertRound(s, {
    instrumentId: instrument.id,
    title: input.title,
    purpose: input.purpose ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    anonymous: input.anonymous,
    createdBy: userId,
  });
  return roundDto(s, id);
}

const ORDER: Record<string, number> = { draft: 0, open: 1, closed: 2 };

export async function updateRound(
  s: TenantScope,
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
  const round = await loadRound(s, roundId);
  assertNotClosed(round);
  assertDates(patch.startsOn ?? round.startsOn, patch.endsOn ?? round.endsOn);
  if (patch.anonymous !== undefined && patch.anonymous !== round.anonymous && round.status !== 'draft') {
    throw conflict(
      'Ob eine Runde anonym ist, kann nur im Entwurf geändert werden: die Beteiligten haben unter dieser Zusage eingeschätzt.',
      { field: 'anonymous' },
    );
  }
  const set: Parameters<typeof updateRoundRow>[3] = {};
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
    if (patch.status === 'open') set.opened = true;
    if (patch.status === 'closed') set.closed = true;
  }
  if (Object.keys(set).length && !(await updateRoundRow(s, roundId, round.status, set))) {
    throw conflict('Die Runde wurde gleichzeitig geändert. Bitte laden Sie die Seite neu.');
  }
  return roundDto(s, roundId);
}

export async function deleteDraftRound(s: TenantScope, roundId: string): Promise<void> {
  const round = await loadRound(s, roundId);
  if (round.status !== 'draft') {
    throw conflict('Nur Runden im Entwurf können gelöscht werden.');
  }
  await deleteDraft(s, roundId);
}

/** Rounds in which the user is an active rater. */
export async function myRounds(s: TenantScope, userId: string): Promise<Round[]> {
  return listRounds(s, await roundIdsOfRater(s, userId));
}
