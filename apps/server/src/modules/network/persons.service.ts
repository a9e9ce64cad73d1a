import { PERSON_RETENTION_YEARS, type Person, type personInputSchema } from '@dkbm/contract';
import type { z } from 'zod';
import { notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { requireActor, today } from './actors.service';
import { erasePersonRow, insertPerson, personRows, replaceNameInMinutes } from './persons.repo';

/*
 * Contacts (persons): minimal personal data with purpose and legal basis. Their names, addresses and
 * numbers are never written to logs (only ids). DSGVO: export everything of one person (Art. 15/20),
 * erase a person (Art. 17): name replaced by „ehemaliges Mitglied“ in the list and in all minutes.
 */

export const ERASED_NAME = 'ehemaliges Mitglied';

type Row = Awaited<ReturnType<typeof personRows>>[number];

/** The day `years` years before `day` (ISO dates). */
function yearsBefore(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
}

function toPerson(r: Row, day: string): Person {
  const p = r.p;
  return {
    id: p.id,
    name: p.name,
    function: p.function,
    actorId: p.actorId,
    actorName: r.actorName,
    email: p.email,
    phone: p.phone,
    purpose: p.purpose,
    legalBasis: p.legalBasis as Person['legalBasis'],
    consentOn: p.consentOn,
    lastActivityOn: p.lastActivityOn,
    erased: p.erasedAt !== null,
    reviewDue: p.erasedAt === null && p.lastActivityOn < yearsBefore(day, PERSON_RETENTION_YEARS),
  };
}

export async function listPersons(s: TenantScope): Promise<Person[]> {
  const day = today();
  return (await personRows(s)).map((r) => toPerson(r, day));
}

async function requirePerson(s: TenantScope, id: string): Promise<Row> {
  const r = (await personRows(s, id))[0];
  if (!r) throw notFound('Die Person');
  return r;
}

export async function createPerson(s: TenantScope, v: z.infer<typeof personInputSchema>): Promise<Person> {
  if (v.actorId) await requireActor(s, v.actorId);
  const id = await insertPerson(s, {
    name: v.name,
    function: v.function ?? null,
    actorId: v.actorId ?? null,
    email: v.email ?? null,
    phone: v.phone ?? null,
    purpose: v.purpose,
    legalBasis: v.legalBasis,
    consentOn: v.consentOn ?? null,
    lastActivityOn: today(),
  });
  return toPerson(await requirePerson(s, id), today());
}

/** Everything stored about one person (DSGVO Art. 15), as JSON. */
export async function exportPerson(s: TenantScope, id: string) {
  const r = await requirePerson(s, id);
  return {
    exportedAt: new Date().toISOString(),
    person: toPerson(r, today()),
    stored: {
      createdAt: new Date(r.p.createdAt).toISOString(),
      erasedAt: r.p.erasedAt ? new Date(r.p.erasedAt).toISOString() : null,
    },
  };
}

/** Erases a person: personal fields emptied, name replaced in the list and in every minutes text. */
export async function erasePerson(s: TenantScope, id: string): Promise<Person> {
  const r = await requirePerson(s, id);
  if (r.p.erasedAt === null) {
    await s.transaction(async (tx) => {
      await replaceNameInMinutes(tx, r.p.name, ERASED_NAME);
      await erasePersonRow(tx, id, ERASED_NAME);
    });
  }
  return toPerson(await requirePerson(s, id), today());
}
