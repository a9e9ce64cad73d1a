import type {
  CooperationProject,
  CooperationProjectInput,
  CooperationProjectUpdate,
  IndicatorTopic,
} from '@dkbm/contract';
import { badRequest, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { requireActor, today } from './actors.service';
import {
  actorsOfProjects,
  findProject,
  insertProject,
  listProjectRows,
  replaceProjectActors,
  updateProjectRow,
  type ProjectRow,
} from './projects.repo';

/*
 * Kooperationsprojekte: projects several actors carry out together. A project running today (started,
 * not ended) links every pair of its actors on the cooperation map, as a body does (cooperation.service).
 */

export async function requireProject(s: TenantScope, id: string): Promise<ProjectRow> {
  const p = await findProject(s, id);
  if (!p) throw notFound('Das Kooperationsprojekt');
  return p;
}

const isRunning = (p: Pick<ProjectRow, 'startsOn' | 'endsOn'>, day: string) =>
  p.startsOn <= day && (p.endsOn === null || p.endsOn >= day);

function toProject(
  p: ProjectRow,
  actors: Array<{ id: string; name: string }>,
  day: string,
): CooperationProject {
  const lead = p.leadActorId ? (actors.find((a) => a.id === p.leadActorId) ?? null) : null;
  return {
    id: p.id,
    name: p.name,
    topic: p.topic as IndicatorTopic,
    description: p.description,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    running: isRunning(p, day),
    actors,
    lead,
  };
}

export async function listProjects(s: TenantScope): Promise<CooperationProject[]> {
  const rows = await listProjectRows(s);
  const links = await actorsOfProjects(
    s,
    rows.map((p) => p.id),
  );
  const day = today();
  return rows.map((p) =>
    toProject(
      p,
      links.filter((l) => l.projectId === p.id).map((l) => ({ id: l.id, name: l.name })),
      day,
    ),
  );
}

export async function getProject(s: TenantScope, id: string): Promise<CooperationProject> {
  const p = await requireProject(s, id);
  const links = await actorsOfProjects(s, [id]);
  return toProject(
    p,
    links.map((l) => ({ id: l.id, name: l.name })),
    today(),
  );
}

/** Checks a project's state as a whole: actors of the tenant (404), period, lead among the actors (400). */
async function checked(
  s: TenantScope,
  v: { startsOn: string; endsOn: string | null; actorIds: string[]; leadActorId: string | null },
) {
  const actorIds = [...new Set(v.actorIds)];
  for (const id of actorIds) await requireActor(s, id);
  if (v.leadActorId) await requireActor(s, v.leadActorId);
  if (actorIds.length < 2) {
    throw badRequest('Ein Kooperationsprojekt braucht mindestens zwei verschiedene beteiligte Akteure.', {
      field: 'actorIds',
    });
  }
  if (v.endsOn && v.endsOn < v.startsOn) {
    throw badRequest('Das Ende des Projekts liegt vor seinem Beginn.', { field: 'endsOn' });
  }
  if (v.leadActorId && !actorIds.includes(v.leadActorId)) {
    throw badRequest('Die Federführung muss einer der beteiligten Akteure sein.', { field: 'leadActorId' });
  }
  return actorIds;
}

export async function createProject(s: TenantScope, v: CooperationProjectInput): Promise<CooperationProject> {
  const state = {
    startsOn: v.startsOn,
    endsOn: v.endsOn ?? null,
    actorIds: v.actorIds,
    leadActorId: v.leadActorId ?? null,
  };
  const actorIds = await checked(s, state);
  const id = await s.transaction(async (t) => {
    const projectId = await insertProject(t, {
      name: v.name,
      topic: v.topic,
      description: v.description || null,
      startsOn: v.startsOn,
      endsOn: state.endsOn,
      leadActorId: state.leadActorId,
    });
    await replaceProjectActors(t, projectId, actorIds);
    return projectId;
  });
  return getProject(s, id);
}

export async function updateProject(
  s: TenantScope,
  id: string,
  v: CooperationProjectUpdate,
): Promise<CooperationProject> {
  const current = await requireProject(s, id);
  const currentActors = (await actorsOfProjects(s, [id])).map((a) => a.id);
  const state = {
    startsOn: v.startsOn ?? current.startsOn,
    endsOn: v.endsOn !== undefined ? v.endsOn : current.endsOn,
    actorIds: v.actorIds ?? currentActors,
    leadActorId: v.leadActorId !== undefined ? v.leadActorId : current.leadActorId,
  };
  const actorIds = await checked(s, {
    ...state,
    endsOn: state.endsOn ?? null,
    leadActorId: state.leadActorId ?? null,
  });
  await s.transaction(async (t) => {
    await updateProjectRow(t, id, {
      ...(v.name !== undefined ? { name: v.name } : {}),
      ...(v.topic !== undefined ? { topic: v.topic } : {}),
      ...(v.description !== undefined ? { description: v.description || null } : {}),
      ...(v.startsOn !== undefined ? { startsOn: v.startsOn } : {}),
      ...(v.endsOn !== undefined ? { endsOn: v.endsOn ?? null } : {}),
      ...(v.leadActorId !== undefined ? { leadActorId: v.leadActorId ?? null } : {}),
    });
    if (v.actorIds !== undefined) await replaceProjectActors(t, id, actorIds);
  });
  return getProject(s, id);
}
