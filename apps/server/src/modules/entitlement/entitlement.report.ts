/**
 * The planning report for the Jugendhilfe- and Schulausschuss: an HTML document (printed to PDF by the
 * shared Chromium renderer) with the assumptions of every scenario, the city totals with a bar chart and
 * the table per planning unit for the first school year, the first year of the full entitlement and the
 * last year planned.
 */
import { createRequire } from 'node:module';
import type { EntitlementPlanDto, EntitlementPlanRow } from '@dkbm/contract';
import { schoolYearLabelOf } from '@dkbm/contract';

const requireLazy = createRequire(import.meta.url);
const echartsLib = () => requireLazy('echarts') as typeof import('echarts');

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const nf0 = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const int = (v: string | null) => (v === null ? '–' : nf0.format(Number(v)));
const pct = (ratio: string | null) => (ratio === null ? '–' : `${nf1.format(Number(ratio) * 100)} %`);
const share = (v: string | null) => (v === null ? 'nicht geplant' : `${nf1.format(Number(v) * 100)} %`);

const SCOPES: Record<EntitlementPlanRow['scope'], string> = {
  ganztag: 'Ganztag Grundschule',
  kita: 'Kita gesamt',
  kita_u3: 'Kita unter 3',
  kita_ue3: 'Kita ab 3',
};
const STATUS: Record<EntitlementPlanRow['status'], string> = {
  shortfall: 'Lücke',
  tight: 'knapp',
  covered: 'gedeckt',
};

function barsSvg(rows: EntitlementPlanRow[]): string {
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 260 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif' },
    legend: { top: 0, left: 0 },
    grid: { left: 56, right: 8, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => schoolYearLabelOf(r.schoolYear)) },
    yAxis: { type: 'value' },
    series: [
      {
        name: 'Bedarf',
        type: 'bar',
        data: rows.map((r) => Number(r.demand)),
        itemStyle: { color: '#4a6fa5' },
      },
      {
        name: 'Plätze',
        type: 'bar',
        data: rows.map((r) => Number(r.places)),
        itemStyle: { color: '#6b8e3d' },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

function table(caption: string, head: string[], body: string[][]): string {
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head
    .map((h) => `<th scope="col">${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>${body
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r[0]!)}</th>${r
          .slice(1)
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

export function planReportHtml(plan: EntitlementPlanDto, tenantName: string, today: string): string {
  const unit = new Map(plan.planningUnits.map((u) => [u.id, u.name]));
  const years = [
    ...new Set([plan.schoolYears[0], plan.schoolYears.find((y) => y >= 2029), plan.schoolYears.at(-1)]),
  ].filter((y): y is number => y !== undefined);
  const parts: string[] = [];
  parts.push(`<h1>Rechtsanspruch &amp; Plätze – ${esc(tenantName)}</h1>
<p>Planungsbericht für den Jugendhilfe- und den Schulausschuss, Stand ${esc(today)}.
Ganztag in der Grundschule nach dem Ganztagsförderungsgesetz (§ 24 Abs. 4 SGB VIII: ab 2026/27 Klasse 1,
jedes Jahr eine Klassenstufe mehr, ab 2029/30 Klassen 1–4) und Kita-Plätze (§ 24 Abs. 2 und 3 SGB VIII).
Bedarf = anspruchsberechtigte Kinder × Anteil der Eltern, die einen Platz wollen (in den Einführungsjahren
zuzüglich der Kinder noch nicht berechtigter Klassen, die die Plätze schon nutzen); Lücke = Bedarf − Plätze;
Versorgungsquote = Plätze / Bedarf; „knapp“ heißt weniger als 5 % Reserve.
${plan.referenceDate ? `Bevölkerung nach Altersjahren am ${esc(plan.referenceDate.split('-').toReversed().join('.'))}, nach Geburtsjahrgängen fortgeschrieben.` : 'Keine Bevölkerungsdaten.'}</p>`);
  parts.push('<h2>Szenarien und Annahmen</h2>');
  parts.push(
    table(
      'Annahmen der Szenarien',
      ['Szenario', 'Anteil Ganztag', 'Quote U3', 'Quote Ü3', 'Rückstellung', 'Annahmen'],
      plan.scenarios.map((s) => [
        s.name,
        share(s.ganztagShare),
        share(s.kitaU3Rate),
        share(s.kitaUe3Rate),
        share(s.deferralShare),
        s.description ?? '',
      ]),
    ),
  );
  for (const s of plan.scenarios) {
    for (const scope of ['ganztag', 'kita'] as const) {
      const totals = plan.totals
        .filter((r) => r.scenarioId === s.id && r.scope === scope)
        .toSorted((a, b) => a.schoolYear - b.schoolYear);
      if (totals.length === 0) continue;
      parts.push(`<section><h2>${esc(SCOPES[scope])} – Szenario „${esc(s.name)}“</h2>`);
      parts.push(
        `<figure><div role="img" aria-label="Säulendiagramm Bedarf und Plätze, Stadt insgesamt je Schuljahr">${barsSvg(totals)}</div></figure>`,
      );
      parts.push(
        table(
          `Stadt insgesamt, ${SCOPES[scope]}, Szenario „${s.name}“`,
          ['Schuljahr', 'Anspruchsberechtigte', 'Bedarf', 'Plätze', 'Lücke', 'Versorgungsquote', 'Status'],
          totals.map((r) => [
            schoolYearLabelOf(r.schoolYear),
            int(r.entitledChildren),
            int(r.demand),
            int(r.places),
            int(r.gap),
            pct(r.ratio),
            STATUS[r.status],
          ]),
        ),
      );
      for (const y of years) {
        const rows = plan.rows
          .filter((r) => r.scenarioId === s.id && r.scope === scope && r.schoolYear === y)
          .toSorted((a, b) => Number(b.gap) - Number(a.gap));
        if (rows.length === 0) continue;
        parts.push(
          table(
            `${SCOPES[scope]} je Planungseinheit, Schuljahr ${schoolYearLabelOf(y)}, Szenario „${s.name}“`,
            [
              'Planungseinheit',
              'Anspruchsberechtigte',
              'Bedarf',
              'Plätze',
              'Lücke',
              'Versorgungsquote',
              'Status',
            ],
            rows.map((r) => [
              unit.get(r.planningUnitId!) ?? '',
              int(r.entitledChildren),
              int(r.demand),
              int(r.places),
              int(r.gap),
              pct(r.ratio),
              STATUS[r.status],
            ]),
          ),
        );
      }
      parts.push('</section>');
    }
  }
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Rechtsanspruch &amp; Plätze – ${esc(tenantName)}</title>
<style>
body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:9.5pt;color:#1b1f24;line-height:1.4}
h1{font-size:17pt}h2{font-size:12.5pt;margin-top:1.4em;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.6em 0 1em;break-inside:auto}
caption{text-align:left;font-weight:bold;margin-bottom:.3em}
th,td{border-bottom:1px solid #c5ccd3;padding:2px 5px;text-align:right;vertical-align:top}
th[scope=row],td:last-child,thead th:first-child{text-align:left}
th[scope=row]{white-space:nowrap}
thead th{border-bottom:2px solid #1b1f24}
tr{break-inside:avoid}
figure{margin:0}
</style></head><body>${parts.join('\n')}</body></html>`;
}
