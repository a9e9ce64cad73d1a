import type { Comment, CommentObjectKind, HistoryEntry, Unit } from '@dkbm/contract';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { getUser } from '../users/users.service';
import { findGoal } from './goals.repo';
import { historyOf, record, type Actor } from './goals.service';
import { findDecision, findMeasure, findRecommendation } from './loop.repo';
import { findFinding } from './findings.repo';
import {
  commentRows,
  deleteUnitRow,
  findUnit,
  findUnitByName,
  insertComment,
  insertUnit,
  memberRows,
  replaceMembers,
  unitIdsOfUser,
  unitRows,
} from './units.repo';

/* Organisation units („Organisationseinheiten“: Ämter, Fachbereiche) and comments on steering objects. */

export async function listUnits(s: TenantScope): Promise<Unit[]> {
  const members = await memberRows(s);
  return (await unitRows(s)).map((u) => ({
    id: u.id,
    name: u.name,
    members: members.filter((m) => m.unitId === u.id).map((m) => ({ userId: m.userId, name: m.name })),
  }));
}

export const myUnitIds = (s: TenantScope, userId: string | null) =>
  userId ? unitIdsOfUser(s, userId) : Promise.resolve([]);

export async function createUnit(s: TenantScope, actor: Actor, name: string): Promise<string> {
  if (await findUnitByName(s, name))
    throw conflict(`Die Organisationseinheit „${name.slice(0, 80)}“ gibt es schon.`, { field: 'name' });
  const id = await insertUnit(s, name);
  await record(s, actor, 'unit', id, 'created', `Organisationseinheit „${name}“ angelegt`);
  return id;
}

export async function deleteUnit(s: TenantScope, id: string) {
  if (!(await findUnit(s, id))) throw notFound('Die Organisationseinheit');
  await deleteUnitRow(s, id);
}

/** Sets the members of a unit; each must be a person of this municipality (404 otherwise). */
export async function setUnitMembers(s: TenantScope, actor: Actor, id: string, userIds: readonly string[]) {
  const unit = await findUnit(s, id);
  if (!unit) throw notFound('Die Organisationseinheit');
  const unique = [...new Set(userIds)];
  for (const u of unique) await getUser(s, u);
  await s.transaction((tx) => replaceMembers(tx, id, unique));
  await record(s, actor, 'unit', id, 'members', `Mitglieder von „${unit.name}“: ${unique.length}`);
}

/** Checks that every unit id is one of this tenant's units (404 otherwise). */
export async function checkUnits(s: TenantScope, unitIds: readonly string[] | undefined) {
  for (const u of unitIds ?? []) if (!(await findUnit(s, u))) throw notFound('Die Organisationseinheit');
}

/* ---------- comments ---------- */

async function checkObject(s: TenantScope, kind: CommentObjectKind, id: string) {
  const found =
    kind === 'goal'
      ? await findGoal(s, id)
      : kind === 'recommendation'
        ? await findRecommendation(s, id)
        : kind === 'decision'
          ? await findDecision(s, id)
          : kind === 'finding'
            ? await findFinding(s, id)
            : await findMeasure(s, id);
  if (!found)
    throw notFound(
      {
        goal: 'Das Ziel',
        recommendation: 'Die Handlungsempfehlung',
        decision: 'Der Beschluss',
        measure: 'Die Maßnahme',
        finding: 'Der Befund',
      }[kind],
    );
}

export async function listComments(s: TenantScope, kind: CommentObjectKind, id: string): Promise<Comment[]> {
  await checkObject(s, kind, id);
  return (await commentRows(s, [id])).map((c) => ({
    id: c.id,
    user: c.user ?? null,
    text: c.text,
    createdAt: c.createdAt,
  }));
}

export async function addComment(
  s: TenantScope,
  actor: Actor,
  kind: CommentObjectKind,
  id: string,
  text: string,
): Promise<string> {
  await checkObject(s, kind, id);
  if (!text.trim()) throw badRequest('Der Kommentar ist leer.', { field: 'text' });
  const cid = await insertComment(s, { objectKind: kind, objectId: id, userId: actor.userId, text });
  await record(s, actor, kind, id, 'comment', 'Kommentar geschrieben');
  return cid;
}

/** Who changed what and when on a goal, recommendation, decision, measure or finding (newest first). */
export async function listHistory(
  s: TenantScope,
  kind: CommentObjectKind,
  id: string,
): Promise<HistoryEntry[]> {
  await checkObject(s, kind, id);
  return historyOf(s, [id]);
}
