import { useId } from 'react';
import { AREA_LEVEL_ORDER, MAX_REFERENCE_AREAS, type Area } from '@dkbm/contract';
import { api, seg } from '../api';
import { useLoad } from '../hooks';
import { useTenant } from '../tenant';
import { useReportTexts } from './texts';

/** Levels that stand for a whole (Land, Bund …): always offered as reference areas. */
const BROAD_LEVELS = new Set(['bund', 'land', 'regierungsbezirk', 'kreis']);

/**
 * Areas a chart can be compared with: the broad levels and every area that has parts (the municipality
 * as a whole above its districts) — as the public indicator page compares with the areas above.
 */
export function referenceCandidates(areas: readonly Area[]): Area[] {
  const parents = new Set(areas.map((a) => a.parentId).filter(Boolean));
  const order = (a: Area) => AREA_LEVEL_ORDER.indexOf(a.level);
  return areas
    .filter((a) => !a.validTo && (BROAD_LEVELS.has(a.level) || parents.has(a.id)))
    .toSorted((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'de'));
}

/** The reference areas on offer (loaded once with the form, so the field never appears while typing). */
export function useReferenceCandidates(): Area[] {
  const tenant = useTenant();
  const areas = useLoad(`areas-${tenant.tenantId}`, () =>
    api.get<Area[]>(`/api/tenants/${seg(tenant.tenantId)}/areas`),
  );
  return referenceCandidates(areas.data ?? []);
}

/** Checkboxes for the reference areas of a chart block (at most three). */
export function ReferenceAreasField({
  candidates,
  value,
  onChange,
}: {
  candidates: readonly Area[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const x = useReportTexts();
  const id = useId();
  if (!candidates.length) return null;
  return (
    <fieldset className="choice">
      <legend>{x.referenceAreas}</legend>
      <p className="hint" id={`${id}-hint`}>
        {x.referenceHint(MAX_REFERENCE_AREAS)}
      </p>
      {candidates.map((a) => {
        const checked = value.includes(a.id);
        return (
          <div key={a.id} className="checkbox">
            <input
              type="checkbox"
              id={`${id}-${a.id}`}
              checked={checked}
              disabled={!checked && value.length >= MAX_REFERENCE_AREAS}
              aria-describedby={`${id}-hint`}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, a.id] : value.filter((v) => v !== a.id))
              }
            />{' '}
            <label htmlFor={`${id}-${a.id}`}>{a.name}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
