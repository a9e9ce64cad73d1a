import type { ProgressStatus } from '@dkbm/domain';
import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import { findIndicatorByCode, type IndicatorRow } from '../monitoring/catalog.service';
import { listAreas } from '../monitoring/areas.service';
import { DEMO_CATALOGUE_INDICATORS, DEMO_RATE_INDICATOR } from '../monitoring/demo.constants';
import { createFinding, linkFinding } from './findings.service';
import { addMissionStatement, createGoal, createTarget, type Actor } from './goals.service';
import {
  addMeasureNote,
  addStatement,
  bodyChoices,
  createDecision,
  linkMeetingDecision,
  meetingDecisionChoices,
  createMeasure,
  createRecommendation,
  updateRecommendation,
} from './loop.service';
import { selectionValues } from './progress.service';
import { createUnit, setUnitMembers } from './units.service';
import { eq } from 'drizzle-orm';
import { users } from '../../platform/db/schema';

/*
 * Demo data of the steering loop for Musterstadt (deterministic, like the monitoring demo): a Leitbild
 * adopted by the council, 3 strategic goals with operational goals, 6 targets on the demo's catalogue
 * indicators in 6 different progress states, 5 recommendations in different states, 3 decisions (one by a
 * network body), 2 findings linked to recommendations,
 * 4 measures with milestones. Target values are derived from the generated data so that each target
 * lands in the intended state; the states themselves are computed like every other target's.
 */

/** The demo's organisation units (the addressed units of its recommendations and measures). */
export const DEMO_UNITS = ['Jugendamt', 'Schulverwaltungsamt', 'Amt für Stadtentwicklung'] as const;
/** The demo account that belongs to the Jugendamt (role „Mitwirkende“). */
export const DEMO_UNIT_MEMBER_EMAIL = 'fachbereich@musterstadt.example';

const demoActor: Actor = { userId: null, canWrite: true };

interface Candidate {
  ind: IndicatorRow;
  areaId: string;
  base: { period: string; value: number };
  latest: { period: string; value: number };
}

const addYears = (date: string, n: number) => `${Number(date.slice(0, 4)) + n}${date.slice(4)}`;
const trim = (v: string) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v);

/** Target value and the baseline period that give a target the wanted state (see docs/steering.md). */
function targetFor(
  c: Candidate,
  wanted: ProgressStatus,
): { baselinePeriod: 'base' | 'latest'; value: string } | null {
  const b = c.base.value;
  const l = c.latest.value;
  const up = l > b;
  const years = Number(c.latest.period.slice(0, 4)) - Number(c.base.period.slice(0, 4));
  const rate = Math.pow(l / b, 1 / years) - 1;
  const polarity = c.ind.polarity;
  const good = up ? 'higher_better' : 'lower_better';
  const bad = up ? 'lower_better' : 'higher_better';
  const needs = wanted === 'deterioration' ? bad : good;
  if (polarity !== 'neutral' && polarity !== needs) return null;
  // Realistic targets only: a share stays within 0–100, a target within ±60 % of the baseline.
  const fix = (v: number) => trim(v.toFixed(b >= 10 ? 1 : 3));
  const plausible = (v: string) =>
    Math.abs(Number(v) / b - 1) <= 0.6 && (c.ind.unit !== '%' || (Number(v) > 0 && Number(v) < 100));
  const result = pick(wanted, b, l, up, rate, fix);
  return result && plausible(result.value) ? result : null;
}

function pick(
  wanted: ProgressStatus,
  b: number,
  l: number,
  up: boolean,
  rate: number,
  fix: (v: number) => string,
): { baselinePeriod: 'base' | 'latest'; value: string } {
  const towards = (r: number) => fix(b * Math.pow(1 + r, 10));
  switch (wanted) {
    case 'target_achieved':
      return { baselinePeriod: 'base', value: fix(b + (l - b) / 2) };
    case 'on_track':
      return { baselinePeriod: 'base', value: towards(rate) };
    case 'moderate_progress':
      return { baselinePeriod: 'base', value: towards(rate / 0.75) };
    case 'limited_progress':
      return { baselinePeriod: 'base', value: towards(rate / 0.3) };
    case 'deterioration':
      return { baselinePeriod: 'base', value: towards(-rate) };
    case 'insufficient_data':
      // The latest period as baseline: no later value yet.
      return { baselinePeriod: 'latest', value: fix(up ? l * 1.1 : l * 0.9) };
  }
}

async function candidates(s: TenantScope): Promise<Candidate[]> {
  const districts = await listAreas(s, { level: 'stadtbezirk' });
  const out: Candidate[] = [];
  for (const code of DEMO_CATALOGUE_INDICATORS) {
    const ind = await findIndicatorByCode(s, code);
    if (!ind) continue;
    for (const a of districts) {
      const values = (await selectionValues(s, ind, a.id, {}, 'internal')).filter(
        (o) => o.value !== null && !o.flag,
      );
      if (values.length < 3) continue;
      const first = values[0]!;
      const last = values.at(-1)!;
      const b = Number(first.value);
      const l = Number(last.value);
      // Series with a clear movement only, so each state is far from the thresholds.
      if (!(b > 0 && l > 0) || Math.abs(l - b) / b < 0.03) continue;
      out.push({
        ind,
        areaId: a.id,
        base: { period: first.period, value: b },
        latest: { period: last.period, value: l },
      });
    }
  }
  return out;
}

const WANTED: readonly ProgressStatus[] = [
  'on_track',
  'target_achieved',
  'moderate_progress',
  'limited_progress',
  'deterioration',
  'insufficient_data',
];

export async function seedSteeringDemo(tx: Tx, demo: DemoTenants): Promise<void> {
  const s = tenantScope(tx, demo.musterstadt);
  const a = demoActor;

  const leitbild = await addMissionStatement(
    s,
    a,
    'Musterstadt ermöglicht allen Menschen gute Bildung von Anfang an und ein Leben lang. Wir gestalten ' +
      'Übergänge gemeinsam, gleichen ungleiche Startchancen aus und richten unsere Angebote an den ' +
      'Quartieren aus. Wir steuern datenbasiert: Wir setzen überprüfbare Ziele und berichten regelmäßig, ' +
      'was wir erreicht haben.',
  );

  const strategic = [
    await createGoal(s, a, {
      title: 'Frühe Bildung stärken',
      description: 'Jedes Kind findet rechtzeitig einen passenden Betreuungsplatz.',
      owner: 'Jugendamt',
      periodStart: '2020-01-01',
      periodEnd: '2030-12-31',
      status: 'active',
      isPublic: true,
    }),
    await createGoal(s, a, {
      title: 'Übergänge gestalten',
      description: 'Die Übergänge Kita–Grundschule und Schule–Beruf gelingen.',
      owner: 'Bildungsbüro',
      periodStart: '2020-01-01',
      periodEnd: '2030-12-31',
      status: 'active',
      isPublic: true,
    }),
    await createGoal(s, a, {
      title: 'Bildungsangebote an die Bevölkerungsentwicklung anpassen',
      description: 'Planung nach Altersstruktur der Stadtbezirke.',
      owner: 'Amt für Stadtentwicklung',
      periodStart: '2020-01-01',
      periodEnd: '2030-12-31',
      status: 'active',
      isPublic: false,
    }),
  ];
  const operational = [
    await createGoal(s, a, {
      parentId: strategic[0],
      title: 'Betreuungsangebote für unter Dreijährige ausbauen',
      owner: 'Jugendamt, Abteilung Kindertagesbetreuung',
      periodStart: '2020-01-01',
      periodEnd: '2030-12-31',
      status: 'active',
      isPublic: true,
    }),
    await createGoal(s, a, {
      parentId: strategic[1],
      title: 'Übergang Kita–Grundschule begleiten',
      owner: 'Schulverwaltungsamt',
      periodStart: '2022-01-01',
      periodEnd: '2030-12-31',
      status: 'active',
      isPublic: false,
    }),
    await createGoal(s, a, {
      parentId: strategic[2],
      title: 'Angebote für Seniorinnen und Senioren in den Quartieren sichern',
      owner: 'Amt für Stadtentwicklung',
      periodStart: '2020-01-01',
      periodEnd: '2030-12-31',
      status: 'planned',
      isPublic: false,
    }),
  ];

  // Six targets in six states: the first candidate that allows each state, each on another series.
  const pool = await candidates(s);
  const used = new Set<string>();
  for (const [i, wanted] of WANTED.entries()) {
    for (const c of pool) {
      const key = `${c.ind.id}|${c.areaId}`;
      if (used.has(key)) continue;
      const t = targetFor(c, wanted);
      if (!t) continue;
      used.add(key);
      const baselinePeriod = t.baselinePeriod === 'base' ? c.base.period : c.latest.period;
      await createTarget(s, a, operational[i % operational.length]!, {
        indicatorId: c.ind.id,
        areaId: c.areaId,
        dims: {},
        baselinePeriod,
        targetPeriod: addYears(baselinePeriod, 10),
        targetValue: t.value,
      });
      break;
    }
  }

  // Organisation units; the demo contributor („Fachbereich“) belongs to the Jugendamt.
  const units: Record<string, string> = {};
  for (const name of DEMO_UNITS) units[name] = await createUnit(s, a, name);
  const [contributor] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_UNIT_MEMBER_EMAIL));
  if (contributor) await setUnitMembers(s, a, units.Jugendamt!, [contributor.id]);

  const rec = async (
    title: string,
    text: string,
    unit: string,
    goalId: string | string[],
    priority: 'high' | 'medium' | 'low',
  ) =>
    createRecommendation(s, a, {
      title,
      text,
      rationale: 'Befund des Bildungsberichts 2024, Kapitel Frühe Bildung und Übergänge.',
      unitIds: [units[unit]!],
      goalIds: Array.isArray(goalId) ? goalId : [goalId],
      priority,
    });
  const r1 = await rec(
    'Kita-Plätze in Nordstadt und Weststadt vorrangig ausbauen',
    'Die Stadt schafft bis 2027 zusätzliche Plätze für unter Dreijährige in den Bezirken mit der niedrigsten Betreuungsquote.',
    'Jugendamt',
    operational[0]!,
    'high',
  );
  const r2 = await rec(
    'Kindertagespflege als Ergänzung stärken',
    'Die Vermittlung in Kindertagespflege wird gebündelt und die Qualifizierung neuer Tagespflegepersonen gefördert.',
    'Jugendamt',
    operational[0]!,
    'medium',
  );
  const r3 = await rec(
    'Übergabegespräche Kita–Grundschule verbindlich einführen',
    'Mit Einverständnis der Eltern finden für jedes Kind Übergabegespräche zwischen Kita und Grundschule statt.',
    'Schulverwaltungsamt',
    operational[1]!,
    'high',
  );
  const r4 = await rec(
    'Sprachförderung im letzten Kita-Jahr ausweiten',
    'Alle Kinder mit Förderbedarf erhalten im Jahr vor der Einschulung eine alltagsintegrierte Sprachförderung.',
    'Jugendamt',
    [operational[1]!, operational[0]!],
    'medium',
  );
  await rec(
    'Bildungsangebote für Ältere im Quartier bündeln',
    'Volkshochschule und Seniorenbüro planen ihre Angebote gemeinsam nach der Altersstruktur der Bezirke.',
    'Amt für Stadtentwicklung',
    operational[2]!,
    'low',
  );
  await addStatement(
    s,
    a,
    r1,
    'Das Jugendamt unterstützt die Empfehlung; die Flächen werden bis Mitte 2025 geprüft.',
  );
  await addStatement(s, a, r2, 'Zustimmung, vorbehaltlich der Haushaltsmittel für 2026.');
  await addStatement(s, a, r4, 'Das Jugendamt stimmt zu und schlägt vor, die Fachberatung einzubeziehen.');
  await updateRecommendation(s, a, r3, { status: 'submitted' });
  // The seam to the network module (seeded before): the steering group's decision on the U3 expansion,
  // taken in its first meeting, is linked to r1, and r3 is addressed to that body.
  const groupDecision = (await meetingDecisionChoices(s)).find((d) => d.outcome === 'adopted');
  const group = (await bodyChoices(s)).find((b) => b.name === groupDecision?.bodyName);
  if (groupDecision) await linkMeetingDecision(s, a, r1, groupDecision.decisionId, true);
  if (group) await updateRecommendation(s, a, r3, { bodyIds: [group.id] });

  await createDecision(s, a, {
    body: 'Stadtrat',
    decidedOn: '2024-03-14',
    number: 'SR/2024/031',
    wording: 'Der Stadtrat beschließt das Leitbild „Bildung in Musterstadt“.',
    missionStatementId: leitbild,
    outcomes: [],
  });
  await createDecision(s, a, {
    body: 'Jugendhilfeausschuss',
    decidedOn: '2025-02-20',
    number: 'JHA/2025/017',
    wording:
      'Der Jugendhilfeausschuss beschließt den vorrangigen Ausbau der U3-Plätze (Empfehlung 1) und die Stärkung der Kindertagespflege mit der Maßgabe einer Evaluation nach zwei Jahren (Empfehlung 2).',
    outcomes: [
      { recommendationId: r1, outcome: 'adopted' },
      { recommendationId: r2, outcome: 'adopted_amended' },
    ],
  });
  await updateRecommendation(s, a, r1, { status: 'in_progress' });
  // Findings („Befunde“) with their values frozen, each the rationale of recommendations; the reports
  // demo places them in the chapter „Frühkindliche Bildung“ of its report (through findings.service).
  const districts = await listAreas(s, { level: 'stadtbezirk' });
  const rate = await findIndicatorByCode(s, DEMO_RATE_INDICATOR);
  const ratePeriod = rate
    ? (await selectionValues(s, rate, districts[0]!.id, {}, 'internal'))
        .filter((o) => o.value !== null)
        .at(-1)?.period
    : undefined;
  const other = pool.find((c) => c.ind.id !== rate?.id);
  const findings = [
    rate && ratePeriod
      ? {
          statement:
            'Die Betreuungsquote der unter Dreijährigen unterscheidet sich deutlich zwischen den Stadtbezirken.',
          indicatorId: rate.id,
          areaIds: districts.slice(0, 3).map((d) => d.id),
          period: ratePeriod,
          recommendationIds: [r1, r2],
        }
      : null,
    other
      ? {
          statement: `Die Entwicklung von „${other.ind.nameDe}“ zeigt, wo Übergänge und Sprachförderung gestärkt werden müssen.`,
          indicatorId: other.ind.id,
          areaIds: [other.areaId],
          period: other.latest.period,
          recommendationIds: [r3, r4],
        }
      : null,
  ];
  for (const f of findings) {
    if (!f) continue;
    const { recommendationIds, ...input } = f;
    const id = await createFinding(s, a, { ...input, dims: {} });
    await linkFinding(s, a, id, { recommendationIds });
  }

  // A decision of a body of the network module (chosen, not typed): the steering group adopts r4.
  await createDecision(s, a, {
    ...(group ? { bodyId: group.id } : { body: 'Steuerungsgruppe Bildung' }),
    decidedOn: '2025-06-12',
    number: 'SG/2025/04',
    wording:
      'Die Steuerungsgruppe Bildung beschließt, die Sprachförderung im letzten Kita-Jahr ab dem Kita-Jahr 2025/26 auszuweiten (Empfehlung 4).',
    outcomes: [{ recommendationId: r4, outcome: 'adopted' }],
  });

  const kita = await createMeasure(s, a, {
    title: 'Neubau Kita Nordstadt (60 Plätze, davon 30 U3)',
    description: 'Neubau in kommunaler Trägerschaft auf dem Gelände der ehemaligen Gärtnerei.',
    responsibleUnitId: units['Jugendamt']!,
    partners: 'Hochbauamt, Träger „Kinderwelt e. V.“',
    startOn: '2025-03-01',
    endOn: '2027-08-31',
    status: 'in_progress',
    budgetPlanned: '4200000.00',
    budgetSpent: '650000.50',
    goalIds: [operational[0]!],
    recommendationId: r1,
    milestones: [
      { title: 'Bauantrag gestellt', dueOn: '2025-06-30', doneOn: '2025-06-12' },
      { title: 'Baubeginn', dueOn: '2025-10-01' },
      { title: 'Eröffnung', dueOn: '2027-08-31' },
    ],
  });
  const care = await createMeasure(s, a, {
    title: 'Qualifizierungsoffensive Kindertagespflege',
    responsibleUnitId: units['Jugendamt']!,
    partners: 'Familienbildungsstätte',
    startOn: '2025-04-01',
    endOn: '2026-12-31',
    status: 'in_progress',
    budgetPlanned: '85000.00',
    budgetSpent: '21400.00',
    goalIds: [operational[0]!],
    recommendationId: r2,
    milestones: [
      { title: 'Erster Kurs mit 15 Teilnehmenden', dueOn: '2025-09-30', doneOn: '2025-09-15' },
      { title: 'Zweiter Kurs', dueOn: '2026-03-31' },
    ],
  });
  await createMeasure(s, a, {
    title: 'Arbeitskreis Übergang Kita–Grundschule',
    responsibleUnitId: units['Schulverwaltungsamt']!,
    partners: 'Grundschulen, Kita-Träger',
    startOn: '2024-09-01',
    status: 'planned',
    // One measure serving two goals: the transition work also secures the places' use.
    goalIds: [operational[1]!, operational[0]!],
    milestones: [{ title: 'Leitfaden für Übergabegespräche', dueOn: '2025-07-31' }],
  });
  await createMeasure(s, a, {
    title: 'Sozialraumanalyse Altersstruktur',
    responsibleUnitId: units['Amt für Stadtentwicklung']!,
    startOn: '2024-01-15',
    endOn: '2024-12-31',
    status: 'completed',
    budgetPlanned: '12000.00',
    budgetSpent: '11850.00',
    goalIds: [operational[2]!],
    milestones: [{ title: 'Bericht im Ausschuss', dueOn: '2024-11-30', doneOn: '2024-11-28' }],
  });

  // Dated progress notes („Fortschrittsvermerke“) of the running measures.
  await addMeasureNote(s, a, kita, {
    notedOn: '2025-06-12',
    text: 'Bauantrag gestellt; die Baugenehmigung wird für September erwartet.',
  });
  await addMeasureNote(s, a, kita, {
    notedOn: '2025-11-20',
    text: 'Baubeginn auf Anfang 2026 verschoben (Vergabe der Rohbauarbeiten); Fertigstellung weiter 2027 geplant.',
  });
  await addMeasureNote(s, a, care, {
    notedOn: '2025-09-15',
    text: 'Erster Kurs mit 15 Teilnehmenden abgeschlossen, 12 davon haben die Pflegeerlaubnis beantragt.',
  });
}
