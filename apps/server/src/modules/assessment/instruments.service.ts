import { instrumentContentSchema, type Instrument, type InstrumentContent } from '@dkbm/contract';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { DEFAULT_INSTRUMENT_ID, iso, type InstrumentRow } from './assessment.common';
import {
  ensureDefaultInstrument,
  findInstrument,
  insertVersion,
  instrumentsWithUse,
  latestVersion,
  newestOwnInstrument,
} from './instruments.repo';

/* Instruments as data (ADR 0007): versions are immutable; adapting one makes a new version. */

export { ensureDefaultInstrument };

export function contentOf(row: InstrumentRow): InstrumentContent {
  return instrumentContentSchema.parse(row.content);
}

/** An instrument version the tenant may use: the platform default or one of its own. */
export async function getInstrument(s: TenantScope, id: string): Promise<InstrumentRow> {
  const r = await findInstrument(s, id);
  if (!r) throw notFound('Das Instrument');
  return r;
}

function toInstrumentDto(i: InstrumentRow, usedBy: number): Instrument {
  return {
    id: i.id,
    family: i.family,
    version: i.version,
    tenantId: i.tenantId,
    content: contentOf(i),
    createdAt: iso(i.createdAt)!,
    usedBy,
  };
}

export async function listInstruments(s: TenantScope): Promise<Instrument[]> {
  const r = await instrumentsWithUse(s);
  return r.map(({ i, usedBy }) => toInstrumentDto(i, usedBy));
}

/**
 * Adapt an instrument: a new version (max + 1 over the default and the tenant's versions of the same
 * family). Existing versions stay as they are, so rounds keep the texts they were made with.
 */
export async function createInstrumentVersion(
  s: TenantScope,
  userId: string,
  basedOn: string,
  content: InstrumentContent,
): Promise<Instrument> {
  const base = await getInstrument(s, basedOn);
  const keys = new Set<string>();
  for (const f of content.frameworkConditions) {
    if (keys.has(f.key))
      throw badRequest(`Die Rahmenbedingung „${f.key}“ ist doppelt.`, { field: 'content' });
    keys.add(f.key);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = (await latestVersion(s, base.family)) + 1;
    const inserted = await insertVersion(s, {
      family: base.family,
      version,
      content,
      basedOn: base.id,
      createdBy: userId,
    });
    if (inserted) return toInstrumentDto(inserted, 0);
  }
  throw conflict('Das Instrument wurde gleichzeitig geändert. Bitte versuchen Sie es erneut.');
}

/** Default instrument of a new round: the tenant's newest own version, else the platform default. */
export async function defaultInstrumentFor(s: TenantScope): Promise<InstrumentRow> {
  return (await newestOwnInstrument(s)) ?? getInstrument(s, DEFAULT_INSTRUMENT_ID);
}
