/** A new target: indicator, area and series from the monitoring, baseline period with a value, target. */
import { useId, useState } from 'react';
import { api, seg } from '../api';
import { useSeriesPicker } from './useSeriesPicker';
import { formatDate, useI18n } from '../i18n';
import { SelectField, TextField } from '../components/Fields';
import { FormBox, useBases, useSubmit } from './common';
import { formatDecimal, parseDecimalInput } from './model';
import { useSteeringTexts } from './texts';

export function TargetForm({ goalId, onDone }: { goalId: string; onDone: () => void }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const id = useId();
  const { api: base } = useBases();
  const {
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
  } = useSeriesPicker();
  const [baselinePeriod, setBaselinePeriod] = useState('');
  const [targetPeriod, setTargetPeriod] = useState('');
  const [targetValue, setTargetValue] = useState('');
  const periods = values;
  const state = useSubmit(
    () =>
      api.post(`${base}/goals/${seg(goalId)}/targets`, {
        indicatorId,
        areaId,
        dims: chosen?.dims ?? {},
        baselinePeriod: baselinePeriod || periods[0]?.period,
        targetPeriod,
        targetValue: parseDecimalInput(targetValue) ?? targetValue,
      }),
    onDone,
  );
  return (
    <FormBox summary={x.newTarget} state={state} submitLabel={x.save}>
      <SelectField
        id={`${id}-indicator`}
        label={x.indicator}
        value={indicatorId}
        onChange={(v) => {
          setIndicatorId(v);
          setSeries('');
          setBaselinePeriod('');
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
          setBaselinePeriod('');
        }}
        options={[
          { value: '', label: x.chooseArea },
          ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
        ]}
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
          id={`${id}-baseline`}
          label={x.baselinePeriod}
          hint={x.baselineHint}
          value={baselinePeriod || periods[0]!.period}
          onChange={setBaselinePeriod}
          options={periods.map((p) => ({
            value: p.period,
            label: `${formatDate(p.period, lang)}: ${formatDecimal(p.value, lang, 4)}`,
          }))}
        />
      ) : null}
      <TextField
        id={`${id}-tperiod`}
        label={x.targetPeriod}
        hint={x.targetPeriodHint}
        type="date"
        value={targetPeriod}
        onChange={setTargetPeriod}
        required
      />
      <TextField
        id={`${id}-tvalue`}
        label={x.targetValue}
        hint={x.targetValueHint}
        inputMode="decimal"
        value={targetValue}
        onChange={setTargetValue}
        required
      />
    </FormBox>
  );
}
