import type { Participant, RoundCandidate } from '@dkbm/contract';
import type { Tx } from '../../platform/db/client';
import { badRequest, conflict, HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { activeMembers, isActiveMember } from '../users/users.service';
import {
  assertNotClosed,
  iso,
  type ParticipantRow,
  type RaterGroup,
  type RoundRow,
} from './assessment.common';
import {
  activeUserParticipant,
  findParticipant,
  insertParticipant,
  invitedUserIds,
  participantByToken,
  participantRows,
  updateParticipant,
} from './participants.repo';

/* Raters: invited people of the municipality and external people with a personal link (ADR 0007). */

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

export async function listParticipants(
  s: TenantScope,
  roundId: string,
  participantId?: string,
): Promise<Participant[]> {
  const r = await participantRows(s, roundId, participantId);
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
export async function listRoundCandidates(s: TenantScope, round: RoundRow): Promise<RoundCandidate[]> {
  const invited = await invitedUserIds(s, round.id);
  return (await activeMembers(s))
    .filter((u) => !invited.has(u.id))
    .map((u) => ({
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      role: u.role as RoundCandidate['role'],
    }));
}

export async function addUserParticipant(
  s: TenantScope,
  round: RoundRow,
  actorId: string,
  input: { userId: string; group: RaterGroup },
): Promise<Participant> {
  assertNotClosed(round);
  if (!(await isActiveMember(s, input.userId))) throw notFound('Die Person');
  const existing = await findParticipant(s, round.id, { userId: input.userId });
  let id: string;
  if (existing) {
    if (!existing.revokedAt) throw conflict('Diese Person ist bereits zur Runde eingeladen.');
    await updateParticipant(s, existing.id, { revokedAt: null, raterGroup: input.group });
    id = existing.id;
  } else {
    const created = await insertParticipant(s, {
      roundId: round.id,
      kind: 'user',
      userId: input.userId,
      raterGroup: input.group,
      createdBy: actorId,
    });
    if (!created) throw conflict('Diese Person ist bereits zur Runde eingeladen.');
    id = created;
  }
  return (await listParticipants(s, round.id, id))[0]!;
}

export async function addExternalParticipant(
  s: TenantScope,
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
  const id = await insertParticipant(s, {
    roundId: round.id,
    kind: 'external',
    label: input.label,
    raterGroup: input.group,
    tokenHash: input.tokenHash,
    expiresAt,
    createdBy: actorId,
  });
  return (await listParticipants(s, round.id, id!))[0]!;
}

/** Revoke a rater: a link stops working, a user can no longer answer; their answers no longer count. */
export async function revokeParticipant(
  s: TenantScope,
  round: RoundRow,
  participantId: string,
): Promise<Participant> {
  const p = await findParticipant(s, round.id, { id: participantId });
  if (!p) throw notFound('Die eingeladene Person');
  assertNotClosed(round);
  if (!p.revokedAt) await updateParticipant(s, participantId, { revokedNow: true });
  return (await listParticipants(s, round.id, participantId))[0]!;
}

/** The active participation of a signed-in user in a round (403 when not invited). */
export async function userParticipant(
  s: TenantScope,
  roundId: string,
  userId: string,
): Promise<ParticipantRow> {
  const p = await activeUserParticipant(s, roundId, userId);
  if (!p) throw new HttpError(403, 'not_invited', 'Sie sind zu dieser Einschätzungsrunde nicht eingeladen.');
  return p;
}

/** The participation behind an external link (null for unknown, revoked and expired links alike). */
export const externalParticipant = (db: Tx, tokenHash: string) => participantByToken(db, tokenHash);
