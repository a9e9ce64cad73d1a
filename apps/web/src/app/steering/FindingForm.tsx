/** A new finding: statement, indicator, area (and a comparison area), series and period with a value. */
import { useId, useMemo, useState } from 'react';
import type { Area, Indicator, ObservationsResponse } from '@dkbm/contract';
import { api, seg } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { SelectField } from '../components/Fields';
import { FormBox, TextArea, useBases, useSubmit } from './common';
import { dimsKey, formatDecimal } from './model';
import { useSteeringTexts } from './texts';

export function FindingForm({ onDone }: { onDone: () => void }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const id = useId();
  const { api: base, tenantApi } = useBases();
  const indicators = useLoad(`${tenantApi}/indicators`, () =>
    api.get<Indicator[]>(`${tenantApi}/indicators`),
  );
  const areas = useLoad(`${tenantApi}/areas`, () => api.get<Area[]>(`${tenantApi}/areas`));
  const [statement, setStatement] = useState('');
  const [indicatorId, setIndicatorId] = useState('');
  const [areaId, setAreaId] = useState('');
  const [compareId, setCompareId] = useState('');
  const [series, setSeries] = useState('');
  const [period, setPeriod] = useState('');
  const obsUrl =
    indicatorId && areaId
      ? `${tenantApi}/indicators/${seg(indicatorId)}/observations?areas=${seg(areaId)}&view=internal`
      : '';
  const obs = useLoad(obsUrl, () => (obsUrl ? api.get<ObservationsResponse>(obsUrl) : Promise.resolve(null)));
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
  const periods = (obs.data?.observations ?? [])
    .filter((o) => o.value !== null && chosen && dimsKey(o.dims) === chosen.value)
    .toReversed();
  const state = useSubmit(
    () =>
      api.post(`${base}/findings`, {
        statement,
        indicatorId,
        areaIds: [areaId, ...(compareId && compareId !== areaId ? [compareId] : [])],
        period: period || periods[0]?.period,
        dims: chosen?.dims ?? {},
      }),
    () => {
      setStatement('');
      onDone();
    },
  );
  const areaOptions = (areas.data ?? []).map((a) => ({ value: a.id, label: a.name }));
  return (
    <FormBox summary={x.newFinding} state={state} submitLabel={x.save}>
      <TextArea
        id={`${id}-statement`}
        label={x.findingStatement}
        value={statement}
        onChange={setStatement}
        required
      />
      <SelectField
        id={`${id}-indicator`}
        label={x.indicator}
        value={indicatorId}
        onChange={(v) => {
          setIndicatorId(v);
          setSeries('');
          setPeriod('');
        }}
        options={[
          { value: '', label: x.chooseIndicator },
          ...(indicators.data ?? []).map((i) => ({ value: i.id, label: i.nameDe })),
        ]}
      />
      <SelectField
        id={`${id}-area`}
        label={x.area}
        value={areaId}
        onChange={(v) => {
          setAreaId(v);
          setSeries('');
          setPeriod('');
        }}
        options={[{ value: '', label: x.chooseArea }, ...areaOptions]}
      />
      <SelectField
        id={`${id}-compare`}
        label={x.compareArea}
        value={compareId}
        onChange={setCompareId}
        options={[{ value: '', label: x.noCompareArea }, ...areaOptions]}
      />
      {obsUrl && obs.data && !seriesOptions.length ? <p>{x.noValues}</p> : null}
      {seriesOptions.length > 1 ? (
        <SelectField
          id={`${id}-series`}
          label={x.series}
          value={chosen?.value ?? ''}
          onChange={setSeries}
          options={seriesOptions.map((o) => ({ value: o.value, label: o.label }))}
        />
      ) : null}
      {periods.length ? (
        <SelectField
          id={`${id}-period`}
          label={x.findingPeriod}
          value={period || periods[0]!.period}
          onChange={setPeriod}
          options={periods.map((p) => ({
            value: p.period,
            label: `${formatDate(p.period, lang)}: ${formatDecimal(p.value, lang, 4)}`,
          }))}
        />
      ) : null}
    </FormBox>
  );
}
