// Benchmark: a generated Bildungsbericht of about 100 pages (issue 12) as PDF and DOCX.
//   ours:     the report's PDF as the server makes it (outputs.ts renderReport): HTML from the blocks with
//             empty chart boxes, Chromium's layout pass for the page numbers of the table of contents while
//             the charts are drawn (ECharts SVG), charts and numbers put in, then the tagged print with
//             outline, running header and page numbers
//   baseline: Chromium printing the same finished HTML (page numbers already in it) with the same options
//             (tagged, outline, header, footer), same browser, same run; ratio = ours / baseline
//   also:     the DOCX of the same report; peak resident memory of this process (the server's code) and of
//             the Chromium processes while rendering
// Usage: npm run bench -- reports [--chapters=20] [--runs=3]
import fs from 'node:fs';
import { arg, procMb, say, serverSrc, underTsx } from './lib.mjs';

underTsx(import.meta.url);

const { renderReport } = await import(serverSrc('modules/reports/outputs.ts'));
const { reportHtml } = await import(serverSrc('modules/reports/render.html.ts'));
const { printPdf, closePdfBrowser, namedDestinationPages } = await import(serverSrc('platform/pdf.ts'));

const CHAPTERS = Number(arg('chapters') ?? 20);
const RUNS = Number(arg('runs') ?? 3);
const TENANT = 'Musterstadt (Benchmark)';

// Deterministic data: 12 districts × 10 years per indicator.
let seed = 4242;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const AREAS = Array.from({ length: 12 }, (_, i) => ({
  code: `0${i + 1}`.slice(-2),
  name: `Bezirk ${i + 1}`,
}));
const YEARS = Array.from({ length: 10 }, (_, i) => `${2015 + i}-12-31`);
const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let ids = 0;
const data = (name) => ({
  indicatorCode: `B${ids}`,
  indicatorName: name,
  unit: 'Prozent',
  decimals: 1,
  source: 'Benchmarkdaten, erzeugt',
  licence: 'CC0 1.0',
  dataVersion: 1,
  selection: null,
  takenAt: '2026-12-01T00:00:00.000Z',
  cells: AREAS.flatMap((a) =>
    YEARS.map((p) => ({
      areaCode: a.code,
      areaName: a.name,
      period: p,
      value: rnd() < 0.04 ? null : (20 + rnd() * 60).toFixed(1),
      flag: null,
    })),
  ).map((c) => (c.value === null ? { ...c, flag: '.' } : c)),
});
const TEXT = Array.from(
  { length: 5 },
  (_, i) =>
    `Absatz ${i + 1}: Die Betreuungsquote der Kinder unter 3 Jahren liegt in den meisten Bezirken über 30 %, in einigen deutlich darunter (vgl. S. 4 des Bedarfsplans). Die Unterschiede zwischen den Bezirken sind seit Jahren stabil, die Zahl der Kinder steigt jedoch, und der Bedarf an Plätzen wächst weiter. "Frühe Bildung" bleibt deshalb ein Schwerpunkt der kommunalen Steuerung.`,
).join('\n\n');
const block = (chapterId, position, kind, extra) => ({
  id: uuid(++ids),
  chapterId,
  position,
  kind,
  text: null,
  caption: null,
  indicatorId: null,
  view: null,
  data: null,
  areaCode: null,
  ref: null,
  newerData: false,
  ...extra,
});
const chapters = Array.from({ length: CHAPTERS }, (_, c) => {
  const id = uuid(++ids);
  return {
    id,
    position: c + 1,
    title: `Kapitel ${c + 1}: Bildung im Bezirksvergleich`,
    updatedAt: '2026-12-01T00:00:00.000Z',
    updatedBy: null,
    blocks: [
      block(id, 1, 'text', { text: TEXT }),
      block(id, 2, 'chart', { view: 'series', data: data(`Quote A${c + 1}`), indicatorId: uuid(90000 + c) }),
      block(id, 3, 'text', { text: TEXT }),
      block(id, 4, 'chart', { view: 'areas', data: data(`Quote B${c + 1}`), indicatorId: uuid(91000 + c) }),
      block(id, 5, 'table', { view: 'series', data: data(`Quote C${c + 1}`), indicatorId: uuid(92000 + c) }),
      block(id, 6, 'keyfigure', {
        view: 'series',
        data: data(`Quote D${c + 1}`),
        indicatorId: uuid(93000 + c),
      }),
    ],
  };
});
const report = {
  id: uuid(++ids),
  title: 'Bildungsbericht Benchmark',
  period: '2026',
  dataCutoff: '2026-06-30',
  authors: 'Bildungsbüro',
  summary: 'Ein erzeugter Bericht für die Messung der Ausgaben.',
  status: 'approved',
  releasedAt: null,
  publishedAt: null,
  updatedAt: '2026-12-01T00:00:00.000Z',
  chapters,
  comments: [],
  next: [],
};
const pdf = { render: printPdf };
const header = `${TENANT} · ${report.title}`;

/** Resident memory of the Chromium processes (children of this process, recursively), MB. */
function chromiumMb() {
  const kids = (pid) => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  let total = 0;
  const stack = kids(process.pid);
  while (stack.length) {
    const p = stack.pop();
    total += procMb(p);
    stack.push(...kids(p));
  }
  return total;
}

let peakSelf = 0;
let peakChromium = 0;
const sampler = setInterval(() => {
  peakSelf = Math.max(peakSelf, procMb(process.pid));
  peakChromium = Math.max(peakChromium, chromiumMb());
}, 50);

const time = async (fn) => {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
};
const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
const pagesOf = (buf) => (buf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

// Warm-up (browser start, ECharts load) and the finished HTML of the baseline: the print HTML with the
// page numbers of the table of contents filled in, as the layout pass fills them.
const warm = await renderReport(report, TENANT, 'pdf', pdf);
const pageMap = namedDestinationPages(warm);
const finished = reportHtml(report, { tenantName: TENANT, mode: 'print' }).replace(
  /(<span data-page-of="([^"]+)">)(<\/span>)/g,
  (_, open, id, close) => `${open}${pageMap.get(id) ?? ''}${close}`,
);
const rssBefore = procMb(process.pid);
if (process.env.BENCH_DUMP_HTML) fs.writeFileSync(process.env.BENCH_DUMP_HTML, finished);
peakSelf = rssBefore;
peakChromium = chromiumMb();

const ours = [];
const base = [];
let pages = 0;
let ourPdf;
for (let i = 0; i < RUNS; i++) {
  const a = await time(() => renderReport(report, TENANT, 'pdf', pdf));
  ours.push(a.ms);
  ourPdf = a.out;
  const b = await time(() => printPdf(finished, { pageNumbers: true, headerText: header }));
  base.push(b.ms);
  pages = pagesOf(b.out);
}
// The DOCX is built in a worker thread: count the turns of this (the server's) event loop meanwhile.
const docx = [];
const docxTurns = [];
let docxBytes = 0;
for (let i = 0; i < RUNS; i++) {
  let turns = 0;
  let spinning = true;
  const spin = () => {
    if (!spinning) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  const d = await time(() => renderReport(report, TENANT, 'docx', pdf));
  spinning = false;
  docx.push(d.ms);
  docxTurns.push(turns);
  docxBytes = d.out.length;
}
const html = [];
for (let i = 0; i < RUNS; i++) html.push((await time(() => renderReport(report, TENANT, 'html', pdf))).ms);
const htmlMs = median(html);
clearInterval(sampler);
await closePdfBrowser();

const toc = [...pageMap.values()];
say(`reports: ${CHAPTERS} chapters, ${CHAPTERS * 2} charts, ${CHAPTERS * 3} tables, ${RUNS} runs (median)`);
say(`  PDF pages: ${pages} (ours ${pagesOf(ourPdf)}), contents pages ${toc[0]}…${toc.at(-1)}`);
say(
  `  PDF ours (HTML + layout pass + print): ${median(ours).toFixed(0)} ms  [${ours.map((x) => x.toFixed(0)).join(', ')}]`,
);
say(
  `  PDF baseline (Chromium prints the finished HTML): ${median(base).toFixed(0)} ms  [${base.map((x) => x.toFixed(0)).join(', ')}]`,
);
say(`  ratio ours / baseline: ${(median(ours) / median(base)).toFixed(2)}  (goal ≤ 1.5)`);
say(
  `  HTML: ${htmlMs.toFixed(0)} ms; DOCX (worker thread): ${median(docx).toFixed(0)} ms, ${(docxBytes / 1024).toFixed(0)} KB, event-loop turns meanwhile ${median(docxTurns)}`,
);
say(
  `  memory: this process ${rssBefore.toFixed(0)} MB before, peak ${peakSelf.toFixed(0)} MB; Chromium processes peak ${peakChromium.toFixed(0)} MB`,
);
