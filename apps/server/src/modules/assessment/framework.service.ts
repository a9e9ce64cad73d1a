import type { FrameworkValue } from '@dkbm/contract';
import { badRequest, HttpError } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { indicatorExists } from '../monitoring/catalog.service';
import { assertNotClosed, closedMessage } from './assessment.common';
import { prefillFramework } from './framework.prefill';
import { storeFramework } from './rounds.repo';
import { loadRoundWithInstrument } from './rounds.service';

/* Framework conditions of a round: entered by hand or taken from the monitoring (ADR 0007). */

export async function saveFramework(
  s: TenantScope,
  roundId: string,
  values: Record<string, FrameworkValue>,
): Promise<Record<string, FrameworkValue>> {
  const { round, instrument } = await loadRoundWithInstrument(s, roundId);
  assertNotClosed(round);
  const defs = new Map(instrument.frameworkConditions.map((f) => [f.key, f]));
  const clean: Record<string, FrameworkValue> = {};
  for (const [key, v] of Object.entries(values)) {
    const def = defs.get(key);
    if (!def) throw badRequest(`Unbekannte Rahmenbedingung „${key}“.`, { field: key });
    const value = v.value?.trim() ? v.value.trim() : null;
    if (def.kind === 'number' && value !== null && !/^-?\d+(\.\d+)?$/.test(value)) {
      throw badRequest(`${def.name}: Bitte eine Zahl angeben (Dezimaltrennzeichen Punkt).`, { field: key });
    }
    clean[key] = {
      value,
      source: v.source,
      indicatorId: v.source === 'indicator' ? (v.indicatorId ?? null) : null,
      indicatorName: v.source === 'indicator' ? (v.indicatorName ?? null) : null,
      period: v.source === 'indicator' ? (v.period ?? null) : null,
      note: v.note?.trim() ? v.note.trim() : null,
    };
    // An indicator named as the source is an id like any other: it must be one of the tenant's (ADR 2).
    const indicatorId = clean[key]!.indicatorId;
    if (indicatorId && !(await indicatorExists(s, indicatorId))) {
      throw new HttpError(404, 'not_found', `${def.name}: Der Indikator wurde nicht gefunden.`, {
        field: key,
      });
    }
  }
  if (!(await storeFramework(s, roundId, clean))) throw new HttpError(409, 'round_closed', closedMessage);
  return clean;
}

/** Suggestions for the framework conditions from the monitoring (see framework.prefill.ts). */
export async function frameworkPrefill(
  s: TenantScope,
  roundId: string,
): Promise<Record<string, FrameworkValue | null>> {
  const { instrument } = await loadRoundWithInstrument(s, roundId);
  return prefillFramework(s, instrument);
}
