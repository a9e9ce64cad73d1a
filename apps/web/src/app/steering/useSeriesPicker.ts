/**
 * What the target and finding forms both choose from the monitoring: the indicators, the areas, and for
 * the chosen indicator and area its series (dimension combinations with values) and their observations.
 */
import { useMemo, useState } from 'react';
import type { Area, Indicator } from '@dkbm/contract';
import { api, getObservations, seg } from '../api';
import { useLoad } from '../hooks';
import { useBases } from './common';
import { dimsKey } from './model';
import { useSteeringTexts } from './texts';

export function useSeriesPicker() {
  const x = useSteeringTexts();
  const { tenantApi } = useBases();
  const indicators = useLoad(`${tenantApi}/indicators`, () =>
    api.get<Indicator[]>(`${tenantApi}/indicators`),
  );
  const areas = useLoad(`${tenantApi}/areas`, () => api.get<Area[]>(`${tenantApi}/areas`));
  const [indicatorId, setIndicatorId] = useState('');
  const [areaId, setAreaId] = useState('');
  const [series, setSeries] = useState('');
  const obsUrl =
    indicatorId && areaId
      ? `${tenantApi}/indicators/${seg(indicatorId)}/observations?areas=${seg(areaId)}&view=internal`
      : '';
  const obs = useLoad(obsUrl, () => (obsUrl ? getObservations(obsUrl) : Promise.resolve(null)));
  const seriesOptions = useMemo(() => {
    const map = new Map<string, Record<string, string>>();
    for (const o of obs.data?.observations ?? []) if (o.value !== null) map.set(dimsKey(o.dims), o.dims);
    return [...map].map(([key, dims]) => ({
      value: key,
      dims,
      label: key ? Object.values(dims).join(', ') : x.seriesAll,
    }));
  }, [obs.data, x.seriesAll]);
  const chosen = seriesOptions.find((o) => o.value === series) ?? seriesOptions[0];
  /** The observations with a value of the chosen series, oldest first. */
  const values = (obs.data?.observations ?? []).filter(
    (o) => o.value !== null && chosen && dimsKey(o.dims) === chosen.value,
  );
  return {
    indicators,
    areas,
    indicatorId,
    setIndicatorId,
    areaId,
    setAreaId,
    setSeries,
    obsUrl,
    obs,
    seriesOptions,
    chosen,
    values,
  };
}
