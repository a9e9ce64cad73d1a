import type { ActorType, CooperationEdge, IndicatorTopic } from '@dkbm/contract';
import type { TenantScope } from '../../platform/tenancy/scope';
import { activeMembershipsOn } from './actors.repo';
import { today } from './actors.service';
import { runningParticipationsOn } from './projects.repo';

/*
 * The cooperation map: two actors cooperate when both are active members of the same body or both take
 * part in the same cooperation project running today. Edges carry the bodies and the projects they
 * share. Filters keep edges where at least one side matches the topic, type and area.
 */

type Member = {
  actorId: string;
  actorName: string;
  actorType: string;
  topics: string[];
  areaIds: string[];
};

export async function cooperationEdges(
  s: TenantScope,
  f: {
    topic?: IndicatorTopic | undefined;
    actorType?: ActorType | undefined;
    areaId?: string | undefined;
  } = {},
): Promise<CooperationEdge[]> {
  const day = today();
  const groups = new Map<
    string,
    { kind: 'bodies' | 'projects'; id: string; name: string; members: Member[] }
  >();
  const add = (kind: 'bodies' | 'projects', id: string, name: string, m: Member) => {
    const key = `${kind}:${id}`;
    const g = groups.get(key) ?? { kind, id, name, members: [] };
    g.members.push(m);
    groups.set(key, g);
  };
  for (const r of await activeMembershipsOn(s, day)) add('bodies', r.bodyId, r.bodyName, r);
  for (const r of await runningParticipationsOn(s, day)) add('projects', r.projectId, r.projectName, r);
  const matches = (r: Member) =>
    (!f.topic || r.topics.includes(f.topic)) &&
    (!f.actorType || r.actorType === f.actorType) &&
    (!f.areaId || r.areaIds.includes(f.areaId));
  const edges = new Map<string, CooperationEdge>();
  for (const g of groups.values()) {
    const members = g.members;
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        let [a, b] = [members[i]!, members[j]!];
        if (a.actorId === b.actorId || !(matches(a) || matches(b))) continue;
        if (a.actorName.localeCompare(b.actorName, 'de') > 0) [a, b] = [b, a];
        const key = `${a.actorId}|${b.actorId}`;
        const edge = edges.get(key) ?? {
          actorA: { id: a.actorId, name: a.actorName },
          actorB: { id: b.actorId, name: b.actorName },
          bodies: [],
          projects: [],
        };
        const list = edge[g.kind];
        if (!list.some((x) => x.id === g.id)) list.push({ id: g.id, name: g.name });
        edges.set(key, edge);
      }
    }
  }
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name, 'de');
  return [...edges.values()]
    .map((e) => ({ ...e, bodies: e.bodies.toSorted(byName), projects: e.projects.toSorted(byName) }))
    .toSorted(
      (x, y) =>
        x.actorA.name.localeCompare(y.actorA.name, 'de') || x.actorB.name.localeCompare(y.actorB.name, 'de'),
    );
}

const cell = (v: string) => (/[;"\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Edges as German CSV (semicolon, UTF-8 with BOM for Excel): shared bodies and shared projects apart. */
export function edgesCsv(edges: CooperationEdge[]): string {
  const lines = [
    [
      'Akteur A',
      'Akteur B',
      'Gemeinsame Gremien',
      'Gemeinsame Projekte',
      'Anzahl Gremien',
      'Anzahl Projekte',
    ].join(';'),
  ];
  for (const e of edges) {
    lines.push(
      [
        e.actorA.name,
        e.actorB.name,
        e.bodies.map((b) => b.name).join(', '),
        e.projects.map((p) => p.name).join(', '),
        String(e.bodies.length),
        String(e.projects.length),
      ]
        .map(cell)
        .join(';'),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
