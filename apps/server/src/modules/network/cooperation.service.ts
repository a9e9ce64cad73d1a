import type { ActorType, CooperationEdge, IndicatorTopic } from '@dkbm/contract';
import type { TenantScope } from '../../platform/tenancy/scope';
import { activeMembershipsOn } from './actors.repo';
import { today } from './actors.service';

/*
 * The cooperation map: two actors cooperate when both are active members of the same body. Edges carry
 * the bodies they share. Filters keep edges where at least one side matches the topic, type and area.
 */

export async function cooperationEdges(
  s: TenantScope,
  f: {
    topic?: IndicatorTopic | undefined;
    actorType?: ActorType | undefined;
    areaId?: string | undefined;
  } = {},
): Promise<CooperationEdge[]> {
  const rows = await activeMembershipsOn(s, today());
  const byBody = new Map<string, typeof rows>();
  for (const r of rows) byBody.set(r.bodyId, [...(byBody.get(r.bodyId) ?? []), r]);
  const matches = (r: (typeof rows)[number]) =>
    (!f.topic || r.topics.includes(f.topic)) &&
    (!f.actorType || r.actorType === f.actorType) &&
    (!f.areaId || r.areaIds.includes(f.areaId));
  const edges = new Map<string, CooperationEdge>();
  for (const members of byBody.values()) {
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
        };
        if (!edge.bodies.some((x) => x.id === a.bodyId)) edge.bodies.push({ id: a.bodyId, name: a.bodyName });
        edges.set(key, edge);
      }
    }
  }
  return [...edges.values()].toSorted(
    (x, y) =>
      x.actorA.name.localeCompare(y.actorA.name, 'de') || x.actorB.name.localeCompare(y.actorB.name, 'de'),
  );
}

const cell = (v: string) => (/[;"\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Edges as German CSV (semicolon, UTF-8 with BOM for Excel). */
export function edgesCsv(edges: CooperationEdge[]): string {
  const lines = [['Akteur A', 'Akteur B', 'Gemeinsame Gremien', 'Anzahl'].join(';')];
  for (const e of edges) {
    lines.push(
      [e.actorA.name, e.actorB.name, e.bodies.map((b) => b.name).join(', '), String(e.bodies.length)]
        .map(cell)
        .join(';'),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
