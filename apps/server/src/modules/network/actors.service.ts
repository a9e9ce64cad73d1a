import type {
  Actor,
  ActorInput,
  Body,
  BodyDetail,
  BodyInput,
  BodyMembership,
  MeetingSummary,
} from '@dkbm/contract';
import { badRequest, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { areaExists, areaNames } from '../monitoring/areas.service';
import { providerNames } from '../directory/providers.service';
import {
  currentBodiesOfActors,
  endMembershipRow,
  findActor,
  findBody,
  findMembership,
  insertActor,
  insertBody,
  insertMembership,
  listActorRows,
  listBodyRows,
  membershipsOfBody,
  updateActorRow,
  updateBodyRow,
  type ActorRow,
} from './actors.repo';
import { meetingRows } from './meetings.repo';

/** Today in the municipalities' time zone (ISO date). */
export const today = (now = new Date()): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(now);

/** The actor, or 404 (also for another municipality's actor). */
export async function requireActor(s: TenantScope, id: string): Promise<ActorRow> {
  const a = await findActor(s, id);
  if (!a) throw notFound('Der Akteur');
  return a;
}

export async function requireBody(s: TenantScope, id: string) {
  const b = await findBody(s, id);
  if (!b) throw notFound('Das Gremium');
  return b;
}

const toActor = (
  a: ActorRow,
  bodies: Array<{ id: string; name: string }>,
  names: Map<string, string>,
  providers: Map<string, string>,
): Actor => ({
  id: a.id,
  name: a.name,
  scope: a.scope as Actor['scope'],
  actorType: a.actorType as Actor['actorType'],
  topics: a.topics as Actor['topics'],
  areas: a.areaIds.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
  provider:
    a.providerId && providers.has(a.providerId)
      ? { id: a.providerId, name: providers.get(a.providerId)! }
      : null,
  address: a.address,
  website: a.website,
  bodies,
});

export async function listActors(s: TenantScope): Promise<Actor[]> {
  const rows = await listActorRows(s);
  const links = await currentBodiesOfActors(s, today());
  const names = await areaNames(s, [...new Set(rows.flatMap((a) => a.areaIds))]);
  const providers = await providerNames(s, [
    ...new Set(rows.flatMap((a) => (a.providerId ? [a.providerId] : []))),
  ]);
  return rows.map((a) =>
    toActor(
      a,
      links.filter((l) => l.actorId === a.id).map((l) => ({ id: l.id, name: l.name })),
      names,
      providers,
    ),
  );
}

export async function getActor(s: TenantScope, id: string): Promise<Actor> {
  const a = await requireActor(s, id);
  const links = await currentBodiesOfActors(s, today());
  return toActor(
    a,
    links.filter((l) => l.actorId === id).map((l) => ({ id: l.id, name: l.name })),
    await areaNames(s, a.areaIds),
    await providerNames(s, a.providerId ? [a.providerId] : []),
  );
}

const actorValues = (v: Partial<ActorInput>) => ({
  ...(v.name !== undefined ? { name: v.name } : {}),
  ...(v.scope !== undefined ? { scope: v.scope } : {}),
  ...(v.actorType !== undefined ? { actorType: v.actorType } : {}),
  ...(v.topics !== undefined ? { topics: v.topics } : {}),
  ...(v.areaIds !== undefined ? { areaIds: [...new Set(v.areaIds)] } : {}),
  ...(v.providerId !== undefined ? { providerId: v.providerId ?? null } : {}),
  ...(v.address !== undefined ? { address: v.address || null } : {}),
  ...(v.website !== undefined ? { website: v.website || null } : {}),
});

/** The Träger must be one of the tenant's providers in the Bildungswegweiser (else 404). */
async function assertProvider(s: TenantScope, id: string | null | undefined) {
  if (id && !(await providerNames(s, [id])).has(id)) throw notFound('Der Träger im Bildungswegweiser');
}

/** Every area must be one of the tenant's (another tenant's area: 404 like an unknown one). */
async function assertAreas(s: TenantScope, ids: readonly string[] | undefined) {
  for (const id of new Set(ids ?? [])) if (!(await areaExists(s, id))) throw notFound('Das Gebiet');
}

export async function createActor(s: TenantScope, v: ActorInput): Promise<Actor> {
  await assertAreas(s, v.areaIds);
  await assertProvider(s, v.providerId);
  const id = await insertActor(s, {
    name: v.name,
    scope: v.scope,
    actorType: v.actorType,
    topics: v.topics,
    areaIds: [...new Set(v.areaIds)],
    providerId: v.providerId ?? null,
    address: v.address ?? null,
    website: v.website ?? null,
  });
  return getActor(s, id);
}

export async function updateActor(s: TenantScope, id: string, v: Partial<ActorInput>): Promise<Actor> {
  await requireActor(s, id);
  await assertAreas(s, v.areaIds);
  await assertProvider(s, v.providerId);
  await updateActorRow(s, id, actorValues(v));
  return getActor(s, id);
}

/* ---------- bodies ---------- */

export async function listBodies(s: TenantScope): Promise<Body[]> {
  const rows = await listBodyRows(s, today());
  return rows.map((r) => ({
    id: r.b.id,
    name: r.b.name,
    bodyType: r.b.bodyType as Body['bodyType'],
    mandate: r.b.mandate,
    chairActorId: r.b.chairActorId,
    chairName: r.chairName,
    activeMembers: r.activeMembers,
  }));
}

export const toMeetingSummary = (r: {
  m: Awaited<ReturnType<typeof meetingRows>>[number]['m'];
  bodyName: string;
}): MeetingSummary => ({
  id: r.m.id,
  bodyId: r.m.bodyId,
  bodyName: r.bodyName,
  title: r.m.title,
  startsAt: new Date(r.m.startsAt).toISOString(),
  endsAt: new Date(r.m.endsAt).toISOString(),
  place: r.m.place,
  onlineLink: r.m.onlineLink,
  invitedAt: r.m.invitedAt,
  minutesApprovedAt: r.m.minutesApprovedAt,
});

export async function getBody(s: TenantScope, id: string): Promise<BodyDetail> {
  await requireBody(s, id);
  const day = today();
  const body = (await listBodies(s)).find((b) => b.id === id)!;
  const memberships: BodyMembership[] = (await membershipsOfBody(s, id)).map((r) => ({
    id: r.m.id,
    actorId: r.m.actorId,
    actorName: r.actorName,
    function: r.m.function,
    validFrom: r.m.validFrom,
    validTo: r.m.validTo,
    active: r.m.validFrom <= day && (r.m.validTo === null || r.m.validTo > day),
  }));
  const meetings = (await meetingRows(s, id)).map(toMeetingSummary);
  return { ...body, memberships, meetings };
}

export async function createBody(s: TenantScope, v: BodyInput): Promise<BodyDetail> {
  if (v.chairActorId) await requireActor(s, v.chairActorId);
  const id = await insertBody(s, {
    name: v.name,
    bodyType: v.bodyType,
    mandate: v.mandate ?? null,
    chairActorId: v.chairActorId ?? null,
  });
  return getBody(s, id);
}

export async function updateBody(s: TenantScope, id: string, v: Partial<BodyInput>): Promise<BodyDetail> {
  await requireBody(s, id);
  if (v.chairActorId) await requireActor(s, v.chairActorId);
  await updateBodyRow(s, id, {
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(v.bodyType !== undefined ? { bodyType: v.bodyType } : {}),
    ...(v.mandate !== undefined ? { mandate: v.mandate || null } : {}),
    ...(v.chairActorId !== undefined ? { chairActorId: v.chairActorId ?? null } : {}),
  });
  return getBody(s, id);
}

export async function addMembership(
  s: TenantScope,
  bodyId: string,
  v: { actorId: string; function: string; validFrom: string },
): Promise<BodyDetail> {
  await requireBody(s, bodyId);
  await requireActor(s, v.actorId);
  await insertMembership(s, { bodyId, actorId: v.actorId, function: v.function, validFrom: v.validFrom });
  return getBody(s, bodyId);
}

/** Ends a membership on `validTo` (kept for the record, never deleted). */
export async function endMembership(
  s: TenantScope,
  bodyId: string,
  membershipId: string,
  validTo: string,
): Promise<BodyDetail> {
  await requireBody(s, bodyId);
  const m = await findMembership(s, bodyId, membershipId);
  if (!m) throw notFound('Die Mitgliedschaft');
  if (m.validTo !== null) throw badRequest('Die Mitgliedschaft ist bereits beendet.');
  if (validTo < m.validFrom) {
    throw badRequest(`Das Ende (validTo) darf nicht vor dem Beginn ${m.validFrom} liegen.`, {
      field: 'validTo',
    });
  }
  await endMembershipRow(s, membershipId, validTo);
  return getBody(s, bodyId);
}
