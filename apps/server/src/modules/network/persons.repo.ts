import { asc, eq, sql } from 'drizzle-orm';
import { networkActors, networkAgendaItems, networkPersons } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Contacts (persons) of the network: minimal personal data. */

export type PersonRow = typeof networkPersons.$inferSelect;
type Insert = Omit<typeof networkPersons.$inferInsert, 'tenantId' | 'id'>;

export async function personRows(s: TenantScope, id?: string) {
  return s
    .select({ p: networkPersons, actorName: networkActors.name })
    .from(networkPersons)
    .leftJoin(networkActors, s.owns(networkActors, eq(networkActors.id, networkPersons.actorId)))
    .where(s.owns(networkPersons, id ? eq(networkPersons.id, id) : undefined))
    .orderBy(asc(networkPersons.name));
}

export async function insertPerson(s: TenantScope, v: Insert): Promise<string> {
  const [r] = await s.insert(networkPersons).values(s.withTenant(v)).returning({ id: networkPersons.id });
  return r!.id;
}

export async function erasePersonRow(s: TenantScope, id: string, placeholder: string): Promise<void> {
  await s
    .update(networkPersons)
    .set({
      name: placeholder,
      function: null,
      email: null,
      phone: null,
      erasedAt: sql`now()` as unknown as string,
    })
    .where(s.owns(networkPersons, eq(networkPersons.id, id)));
}

/** Replaces a name in every minutes text of the tenant; returns how many items changed. */
export async function replaceNameInMinutes(
  s: TenantScope,
  name: string,
  placeholder: string,
): Promise<number> {
  const r = await s
    .update(networkAgendaItems)
    .set({ minutes: sql`replace(${networkAgendaItems.minutes}, ${name}, ${placeholder})` })
    .where(s.owns(networkAgendaItems, sql`strpos(${networkAgendaItems.minutes}, ${name}) > 0`))
    .returning({ id: networkAgendaItems.id });
  return r.length;
}
