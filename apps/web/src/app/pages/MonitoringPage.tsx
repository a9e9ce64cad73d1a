import type { Area, Indicator, Observation } from '@dkbm/contract';
import { api, seg } from '../api';
import { useLoad } from '../hooks';
import { areaLevelLabel, formatDate, formatNumber, useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading } from '../components/Feedback';

interface LatestRow {
  area: Area;
  value: number;
}

/** Values of the latest period per area, summed over all other dimensions (e.g. age groups). */
export function latestByArea(
  observations: Observation[],
  areas: Area[],
): { period: string; rows: LatestRow[] } | null {
  let period = '';
  for (const o of observations) if (o.value !== null && o.period > period) period = o.period;
  if (!period) return null;
  const sums = new Map<string, number>();
  for (const o of observations) {
    if (o.period !== period || o.value === null) continue;
    sums.set(o.areaId, (sums.get(o.areaId) ?? 0) + Number(o.value));
  }
  const byId = new Map(areas.map((a) => [a.id, a]));
  let rows = [...sums].flatMap(([id, value]) => {
    const area = byId.get(id);
    return area ? [{ area, value }] : [];
  });
  // Prefer the districts when the city as a whole is present as well, so that rows add up.
  const districts = rows.filter((r) => r.area.level === 'stadtbezirk');
  if (districts.length > 0) rows = districts;
  rows.sort((a, b) => a.area.code.localeCompare(b.area.code, 'de'));
  return { period, rows };
}

function LatestValues({ indicator, areas }: { indicator: Indicator; areas: Area[] }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const obs = useLoad(`${tenant.tenantId}/${indicator.id}`, () =>
    api.get<Observation[]>(
      `/api/tenants/${seg(tenant.tenantId)}/indicators/${seg(indicator.id)}/observations`,
    ),
  );
  const name = lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.nameDe;
  const latest = obs.data ? latestByArea(obs.data, areas) : null;
  const fmt = (v: number) => formatNumber(v, lang, indicator.decimals);
  return (
    <Section id="monitoring-latest" title={t.latestValuesHeading(name)}>
      {obs.loading && !obs.data ? <Loading /> : null}
      <ErrorAlert error={obs.error} />
      {obs.data && !latest ? <p>{t.noObservations}</p> : null}
      {latest ? (
        <DataTable
          caption={t.latestValuesCaption(name, formatDate(latest.period, lang))}
          head={
            <tr>
              <th scope="col">{t.areaCode}</th>
              <th scope="col">{t.areaName}</th>
              <th scope="col" className="num">
                {t.value} ({indicator.unit})
              </th>
            </tr>
          }
          foot={
            <tr>
              <th scope="row" colSpan={2}>
                {t.total}
              </th>
              <td className="num">{fmt(latest.rows.reduce((s, r) => s + r.value, 0))}</td>
            </tr>
          }
        >
          {latest.rows.map((r) => (
            <tr key={r.area.id}>
              <td>{r.area.code}</td>
              <th scope="row">{r.area.name}</th>
              <td className="num">{fmt(r.value)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}

export function MonitoringPage() {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const base = `/api/tenants/${seg(tenant.tenantId)}`;
  const data = useLoad(tenant.tenantId, () =>
    Promise.all([api.get<Area[]>(`${base}/areas`), api.get<Indicator[]>(`${base}/indicators`)]),
  );
  const [areas, indicators] = data.data ?? [undefined, undefined];
  const first = indicators?.[0];
  return (
    <Page title={t.moduleMonitoring}>
      <p className="lead">{t.moduleMonitoringText}</p>
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorAlert error={data.error} />
      {areas && indicators ? (
        <>
          <Section id="monitoring-areas" title={t.areasHeading}>
            {areas.length === 0 ? (
              <p>{t.noAreas}</p>
            ) : (
              <DataTable
                caption={t.areasCaption}
                head={
                  <tr>
                    <th scope="col">{t.areaCode}</th>
                    <th scope="col">{t.areaName}</th>
                    <th scope="col">{t.areaLevel}</th>
                  </tr>
                }
              >
                {areas.map((a) => (
                  <tr key={a.id}>
                    <td>{a.code}</td>
                    <th scope="row">{a.name}</th>
                    <td>{areaLevelLabel(a.level, lang)}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Section>
          <Section id="monitoring-indicators" title={t.indicatorsHeading}>
            {indicators.length === 0 ? (
              <p>{t.noIndicators}</p>
            ) : (
              <DataTable
                caption={t.indicatorsCaption}
                head={
                  <tr>
                    <th scope="col">{t.indicatorCode}</th>
                    <th scope="col">{t.indicatorName}</th>
                    <th scope="col">{t.indicatorUnit}</th>
                    <th scope="col">{t.indicatorTopic}</th>
                    <th scope="col">{t.indicatorVisibility}</th>
                  </tr>
                }
              >
                {indicators.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <code>{i.code}</code>
                    </td>
                    <th scope="row">{lang === 'en' && i.nameEn ? i.nameEn : i.nameDe}</th>
                    <td>{i.unit}</td>
                    <td>{i.topic}</td>
                    <td>{i.visibility === 'public' ? t.visibilityPublic : t.visibilityInternal}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Section>
          {first ? <LatestValues indicator={first} areas={areas} /> : null}
        </>
      ) : null}
    </Page>
  );
}
