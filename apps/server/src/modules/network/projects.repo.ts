import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import {
  networkActors,
  networkCooperationProjectActors,
  networkCooperationProjects,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Kooperationsprojekte of the network module and the actors taking part. */

export type ProjectRow = typeof networkCooperationProjects.$inferSelect;
type ProjectInsert = Omit<typeof networkCooperationProjects.$inferInsert, 'tenantId' | 'id'>;

export async function listProjectRows(s: TenantScope): Promise<ProjectRow[]> {
  return s
    .select()
    .from(networkCooperationProjects)
    .where(s.owns(networkCooperationProjects))
    .orderBy(asc(networkCooperationProjects.name));
}

export async function findProject(s: TenantScope, id: string): Promise<ProjectRow | null> {
  const r = await s
    .select()
    .from(networkCooperationProjects)
    .where(s.owns(networkCooperationProjects, eq(networkCooperationProjects.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertProject(s: TenantScope, v: ProjectInsert): Promise<string> {
  const [r] = await s
    .insert(networkCooperationProjects)
    .values(s.withTenant(v))
    .returning({ id: networkCooperationProjects.id });
  return r!.id;
}

export async function updateProjectRow(s: TenantScope, id: string, v: Partial<ProjectInsert>): Promise<void> {
  if (Object.keys(v).length === 0) return;
  await s
    .update(networkCooperationProjects)
    .set(v)
    .where(s.owns(networkCooperationProjects, eq(networkCooperationProjects.id, id)));
}

/** Replaces the participating actors of a project. */
export async function replaceProjectActors(s: TenantScope, projectId: string, actorIds: string[]) {
  await s
    .delete(networkCooperationProjectActors)
    .where(s.owns(networkCooperationProjectActors, eq(networkCooperationProjectActors.projectId, projectId)));
  if (actorIds.length > 0) {
    await s
      .insert(networkCooperationProjectActors)
      .values(s.withTenant(actorIds.map((actorId) => ({ projectId, actorId }))));
  }
}

/** Participants (with names) of the given projects. */
export async function actorsOfProjects(s: TenantScope, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return s
    .select({
      projectId: networkCooperationProjectActors.projectId,
      id: networkActors.id,
      name: networkActors.name,
    })
    .from(networkCooperationProjectActors)
    .innerJoin(
      networkActors,
      s.owns(networkActors, eq(networkActors.id, networkCooperationProjectActors.actorId)),
    )
    .where(
      s.owns(networkCooperationProjectActors, inArray(networkCooperationProjectActors.projectId, projectIds)),
    )
    .orderBy(asc(networkActors.name));
}

/** Participations in projects running on `day` with actor and project (for the cooperation map). */
export async function runningParticipationsOn(s: TenantScope, day: string) {
  return s
    .select({
      actorId: networkActors.id,
      actorName: networkActors.name,
      actorType: networkActors.actorType,
      topics: networkActors.topics,
      areaIds: networkActors.areaIds,
      projectId: networkCooperationProjects.id,
      projectName: networkCooperationProjects.name,
    })
    .from(networkCooperationProjectActors)
    .innerJoin(
      networkActors,
      s.owns(networkActors, eq(networkActors.id, networkCooperationProjectActors.actorId)),
    )
    .innerJoin(
      networkCooperationProjects,
      s.owns(
        networkCooperationProjects,
        eq(networkCooperationProjects.id, networkCooperationProjectActors.projectId),
        lte(networkCooperationProjects.startsOn, day),
        or(isNull(networkCooperationProjects.endsOn), gte(networkCooperationProjects.endsOn, day)),
      ),
    )
    .where(and(s.owns(networkCooperationProjectActors)))
    .orderBy(asc(networkActors.name));
}
