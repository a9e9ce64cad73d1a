/** A new finding: statement, indicator, area (and a comparison area), series and period with a value. */
import { useId, useState } from 'react';
import type { Finding, Recommendation, ReportSection } from '@dkbm/contract';
import { api, seg } from '../api';
import { useSeriesPicker } from './useSeriesPicker';
import { formatDate, useI18n } from '../i18n';
import { SelectField } from '../components/Fields';
import { CheckboxGroup, FormBox, TextArea, useBases, useSubmit } from './common';
import { formatDecimal } from './model';
import { useSteeringTexts } from './texts';

export function FindingForm({ onDone }: { onDone: () => void }) {
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
  const [statement, setStatement] = useState('');
  const [compareId, setCompareId] = useState('');
  const [period, setPeriod] = useState('');
  const periods = values.toReversed();
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

/** Links a finding to a section of a report (reports module) and to the recommendations resting on it. */
export function FindingLinkForm({
  finding,
  sections,
  recommendations,
  onDone,
}: {
  finding: Finding;
  sections: ReportSection[];
  recommendations: Recommendation[];
  onDone: () => void;
}) {
  const x = useSteeringTexts();
  const id = useId();
  const { api: base } = useBases();
  const [chapterId, setChapterId] = useState(finding.reportSection?.chapterId ?? '');
  const [recIds, setRecIds] = useState<string[]>(finding.recommendationIds);
  const state = useSubmit(
    () =>
      api.patch(`${base}/findings/${seg(finding.id)}`, {
        reportChapterId: chapterId || null,
        recommendationIds: recIds,
      }),
    onDone,
  );
  return (
    <FormBox summary={x.linkFinding(finding.statement.slice(0, 80))} state={state} submitLabel={x.save}>
      <SelectField
        id={`${id}-section`}
        label={x.reportSection}
        value={chapterId}
        onChange={setChapterId}
        options={[
          { value: '', label: x.noGoal },
          ...sections.map((c) => ({ value: c.chapterId, label: `${c.reportTitle}: ${c.chapterTitle}` })),
        ]}
      />
      <CheckboxGroup
        id={`${id}-recs`}
        legend={x.findingRecommendations}
        options={recommendations.map((r) => ({ value: r.id, label: r.title }))}
        value={recIds}
        onChange={setRecIds}
      />
    </FormBox>
  );
}
