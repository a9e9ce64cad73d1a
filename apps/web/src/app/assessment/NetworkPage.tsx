/** Regional agency: the agreed profiles of the municipalities that share, side by side, with the median. */
import { lazy, useCallback } from 'react';
import { api } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { NoPermission } from '../components/Feedback';
import { useBases } from './client';
import { AssessmentFrame, LevelLabel, LoadState, useIsAgency } from './common';
import { networkRadarOption, radarHeight } from './charts';
import { formatMedian } from './model';
import { ChartSlot } from './ResultsPage';
import { useAssessmentTexts } from './texts';

const RadarChart = lazy(() => import('./RadarChart'));

/** networkOverviewSchema of the contract. */
interface Network {
  components: Array<{ key: string; name: string }>;
  municipalities: Array<{
    tenantId: string;
    name: string;
    roundTitle: string;
    endsOn: string;
    profile: Array<{ key: string; agreed: number | null }>;
  }>;
  median: Array<{ key: string; median: number | null; n: number }>;
}

export function NetworkPage() {
  const x = useAssessmentTexts();
  const isAgency = useIsAgency();
  return (
    <AssessmentFrame title={x.networkTitle}>
      {isAgency ? <NetworkView /> : <NoPermission text={x.networkOnlyAgency} />}
    </AssessmentFrame>
  );
}

function NetworkView() {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const loaded = useLoad(`${base}/network`, () => api.get<Network>(`${base}/network`));
  const n = loaded.data;
  const option = useCallback(
    (width: number) =>
      networkRadarOption({
        axes: n?.components.map((c) => c.name) ?? [],
        municipalities: (n?.municipalities ?? []).map((m) => ({
          name: m.name,
          values: (n?.components ?? []).map((c) => m.profile.find((p) => p.key === c.key)?.agreed ?? null),
        })),
        median: {
          name: x.medianSeries,
          values: (n?.components ?? []).map((c) => n?.median.find((m) => m.key === c.key)?.median ?? null),
        },
        width,
      }),
    [n, x],
  );
  const height = useCallback((width: number) => radarHeight((n?.municipalities.length ?? 0) + 1, width), [n]);
  return (
    <>
      <p className="lead">{x.networkLead}</p>
      <LoadState loaded={loaded} />
      {n && n.municipalities.length === 0 ? <p className="empty-state">{x.networkEmpty}</p> : null}
      {n && n.municipalities.length > 0 ? (
        <>
          <Section id="nw-chart" title={x.networkChartHeading}>
            <p id="nw-desc" className="hint">
              {x.networkChartText} <a href="#nw-table">{x.toTable}</a>
            </p>
            <ChartSlot>
              <RadarChart
                option={option}
                height={height}
                label={x.networkChartLabel}
                describedBy="nw-desc"
                testId="network-radar"
              />
            </ChartSlot>
          </Section>
          <Section id="nw-table" title={x.networkTableHeading}>
            <DataTable
              caption={x.networkCaption}
              head={
                <tr>
                  <th scope="col">{x.colComponent}</th>
                  {n.municipalities.map((m) => (
                    <th scope="col" key={m.tenantId}>
                      {m.name}
                      <span className="hint-block">
                        {m.roundTitle}, {formatDate(m.endsOn, lang)}
                      </span>
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {x.colMedian}
                  </th>
                </tr>
              }
            >
              {n.components.map((c) => {
                const med = n.median.find((m) => m.key === c.key);
                return (
                  <tr key={c.key}>
                    <th scope="row">{c.name}</th>
                    {n.municipalities.map((m) => (
                      <td key={m.tenantId}>
                        <LevelLabel level={m.profile.find((p) => p.key === c.key)?.agreed ?? null} />
                      </td>
                    ))}
                    <td className="num">
                      {med && med.median !== null ? formatMedian(med.median, lang) : '–'}
                      {med ? <span className="hint-block">{x.medianN(med.n)}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </Section>
        </>
      ) : null}
    </>
  );
}
