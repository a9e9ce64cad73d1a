/** A target's values, baseline, target and required path as an SVG line chart with a table alternative. */
import type { Target } from '@dkbm/contract';
import { formatDate, useI18n } from '../i18n';
import { DataTable } from '../components/Table';
import { chartScales, formatDecimal } from './model';
import { useSteeringTexts } from './texts';

const W = 560;
const H = 220;

export function ProgressChart({ target }: { target: Target }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const values = target.values.filter((v) => v.value !== null) as Array<{ period: string; value: string }>;
  const path = target.progress.expectedPath;
  const periods = [...values.map((v) => v.period), ...path.map((p) => p.period), target.targetPeriod];
  const nums = [
    ...values.map((v) => Number(v.value)),
    ...path.map((p) => Number(p.value)),
    Number(target.targetValue),
  ];
  const caption = x.chartCaption(target.indicator.name, target.area.name);
  const allPeriods = [...new Set(periods)].toSorted();
  const valueAt = new Map(target.values.map((v) => [v.period, v]));
  const pathAt = new Map(path.map((p) => [p.period, p.value]));
  const s = nums.length ? chartScales(periods, nums, W, H, 16) : null;
  const line = (pts: Array<{ period: string; value: string }>) =>
    s ? pts.map((p) => `${s.x(p.period).toFixed(1)},${s.y(Number(p.value)).toFixed(1)}`).join(' ') : '';
  return (
    <figure>
      {s ? (
        <svg className="st-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={caption}>
          <line
            x1={16}
            x2={W - 16}
            y1={s.y(Number(target.targetValue))}
            y2={s.y(Number(target.targetValue))}
            stroke="#0b5d1e"
            strokeDasharray="2 4"
          />
          <polyline points={line(path)} fill="none" stroke="#6b6b6b" strokeDasharray="6 4" strokeWidth={2} />
          <polyline points={line(values)} fill="none" stroke="#1d4f91" strokeWidth={3} />
          {values.map((v) => (
            <circle key={v.period} cx={s.x(v.period)} cy={s.y(Number(v.value))} r={4} fill="#1d4f91" />
          ))}
          <circle
            cx={s.x(target.targetPeriod)}
            cy={s.y(Number(target.targetValue))}
            r={6}
            fill="none"
            stroke="#0b5d1e"
            strokeWidth={3}
          />
        </svg>
      ) : null}
      <figcaption className="muted">
        <span style={{ color: '#1d4f91' }}>━</span> {x.chartLegendValues} · <span>╌</span> {x.chartLegendPath}{' '}
        · <span style={{ color: '#0b5d1e' }}>◯</span> {x.chartLegendTarget}
      </figcaption>
      <DataTable
        caption={caption}
        head={
          <tr>
            <th scope="col">{x.periodCol}</th>
            <th scope="col">{x.valueCol}</th>
            <th scope="col">{x.pathCol}</th>
          </tr>
        }
      >
        {allPeriods.map((p) => {
          const v = valueAt.get(p);
          return (
            <tr key={p}>
              <th scope="row">
                {formatDate(p, lang)}
                {p === target.baselinePeriod ? ` (${x.baseline})` : ''}
                {p === target.targetPeriod
                  ? ` (${x.targetValue}: ${formatDecimal(target.targetValue, lang, 4)})`
                  : ''}
              </th>
              <td className="num">
                {v ? (v.value !== null ? formatDecimal(v.value, lang, 4) : (v.flag ?? '–')) : ''}
              </td>
              <td className="num">{pathAt.has(p) ? formatDecimal(pathAt.get(p), lang, 2) : ''}</td>
            </tr>
          );
        })}
      </DataTable>
    </figure>
  );
}
