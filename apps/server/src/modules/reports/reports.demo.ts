import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import { findIndicatorByCode } from '../monitoring/catalog.service';
import {
  DEMO_DAYCARE_INDICATOR,
  DEMO_POPULATION_INDICATOR,
  DEMO_RATE_INDICATOR,
} from '../monitoring/demo.constants';
import { listGoals } from '../steering/goals.service';
import { listRecommendations } from '../steering/loop.service';
import { linkFinding, listFindings } from '../steering/findings.service';
import { addBlock, addChapter, changeStatus, createReport, updateReport } from './reports.service';

/** Recommendations of the steering demo that the report 2025 shows (found by title). */
const DEMO_RECOMMENDATIONS = [
  'Kita-Plätze in Nordstadt und Weststadt vorrangig ausbauen',
  'Kindertagespflege als Ergänzung stärken',
];
const DEMO_GOAL = 'Betreuungsangebote für unter Dreijährige ausbauen';

/** Title of the demo's published report (the e2e and db tests find it by this title). */
export const DEMO_REPORT_2025 = 'Bildungsbericht 2025';
export const DEMO_REPORT_2026 = 'Bildungsbericht 2026';

const TEXTS = {
  intro: `Musterstadt wächst: In den vergangenen Jahren ist die Zahl der Einwohnerinnen und Einwohner in fast allen Stadtbezirken gestiegen, besonders bei den Kindern unter 6 Jahren. Der Bericht beschreibt die Lage der Bildung in der Stadt und leitet daraus Handlungsempfehlungen ab.

Die Daten stammen aus dem kommunalen Bildungsmonitoring. Kleine Fallzahlen werden – wie in allen öffentlichen Darstellungen – aus Gründen der Geheimhaltung nicht ausgewiesen ("." in den Tabellen).`,
  early: `Die Betreuungsquote der Kinder unter 3 Jahren unterscheidet sich deutlich zwischen den Stadtbezirken. Wo sie unter 30 % liegt, reicht das Angebot nach Einschätzung der Jugendhilfeplanung nicht aus (vgl. S. 4 des Kita-Bedarfsplans).

## Kindertagespflege

Die Kindertagespflege ergänzt die Einrichtungen vor allem in den äußeren Bezirken.`,
  recommendations: `Aus den Befunden leitet die Steuerungsgruppe zwei Handlungsempfehlungen ab. Sie werden unter „Ziele & Steuerung“ weiterverfolgt.`,
};

async function indicatorId(s: TenantScope, code: string): Promise<string | null> {
  return (await findIndicatorByCode(s, code))?.id ?? null;
}

/** Musterstadt: a short published „Bildungsbericht 2025“ and a draft for 2026 (Leitfaden chapters). */
export async function seedReportsDemo(tx: Tx, demo: DemoTenants): Promise<void> {
  const s = tenantScope(tx, demo.musterstadt);
  const population = await indicatorId(s, DEMO_POPULATION_INDICATOR);
  const daycare = await indicatorId(s, DEMO_DAYCARE_INDICATOR);
  const rate = await indicatorId(s, DEMO_RATE_INDICATOR);

  const r25 = await createReport(
    s,
    {
      title: DEMO_REPORT_2025,
      period: '2025',
      dataCutoff: '2025-06-30',
      authors: 'Bildungsbüro Musterstadt',
      template: 'empty',
    },
    null,
  );
  let report = await addChapter(s, r25.id, 'Rahmenbedingungen', null);
  let chapter = report.chapters.at(-1)!.id;
  await addBlock(s, r25.id, chapter, { kind: 'text', text: TEXTS.intro }, null);
  if (population)
    await addBlock(
      s,
      r25.id,
      chapter,
      { kind: 'keyfigure', indicatorId: population, caption: 'Einwohnerinnen und Einwohner' },
      null,
    );
  if (population)
    await addBlock(
      s,
      r25.id,
      chapter,
      { kind: 'chart', indicatorId: population, view: 'series', caption: 'Bevölkerung nach Stadtbezirk' },
      null,
    );
  report = await addChapter(s, r25.id, 'Frühkindliche Bildung', null);
  chapter = report.chapters.at(-1)!.id;
  // The steering demo's findings (Befunde) belong to this chapter.
  for (const f of await listFindings(s))
    await linkFinding(s, { userId: null, canWrite: true }, f.id, { reportChapterId: chapter });
  await addBlock(s, r25.id, chapter, { kind: 'text', text: TEXTS.early }, null);
  if (rate)
    await addBlock(
      s,
      r25.id,
      chapter,
      {
        kind: 'chart',
        indicatorId: rate,
        view: 'areas',
        caption: 'Betreuungsquote der Kinder unter 3 Jahren',
      },
      null,
    );
  if (rate)
    await addBlock(
      s,
      r25.id,
      chapter,
      {
        kind: 'map',
        indicatorId: rate,
        caption: 'Betreuungsquote der Kinder unter 3 Jahren nach Stadtbezirk',
      },
      null,
    );
  if (daycare)
    await addBlock(s, r25.id, chapter, { kind: 'table', indicatorId: daycare, view: 'series' }, null);
  report = await addChapter(s, r25.id, 'Handlungsempfehlungen', null);
  chapter = report.chapters.at(-1)!.id;
  await addBlock(s, r25.id, chapter, { kind: 'text', text: TEXTS.recommendations }, null);
  const recommendations = await listRecommendations(s);
  for (const title of DEMO_RECOMMENDATIONS) {
    const rec = recommendations.find((r) => r.title === title);
    if (rec) await addBlock(s, r25.id, chapter, { kind: 'recommendation', recommendationId: rec.id }, null);
  }
  await updateReport(s, r25.id, {
    summary:
      'Der erste Bildungsbericht von Musterstadt: Bevölkerung, frühkindliche Bildung und zwei Handlungsempfehlungen zum Ausbau der Betreuung.',
  });
  await changeStatus(s, r25.id, 'review', null);
  await changeStatus(s, r25.id, 'approved', null);
  await changeStatus(s, r25.id, 'published', null);

  const r26 = await createReport(
    s,
    {
      title: DEMO_REPORT_2026,
      period: '2026',
      dataCutoff: '2026-06-30',
      authors: 'Bildungsbüro Musterstadt',
      template: 'leitfaden',
    },
    null,
  );
  const early = r26.chapters.find((c) => c.title === 'Frühkindliche Bildung');
  if (early) {
    await addBlock(
      s,
      r26.id,
      early.id,
      { kind: 'text', text: 'Entwurf: Die Betreuungsquote ist seit dem letzten Bericht gestiegen.' },
      null,
    );
    if (rate) await addBlock(s, r26.id, early.id, { kind: 'chart', indicatorId: rate, view: 'series' }, null);
    const goal = (await listGoals(s)).find((g) => g.title === DEMO_GOAL);
    if (goal) await addBlock(s, r26.id, early.id, { kind: 'goal', goalId: goal.id }, null);
  }
}
