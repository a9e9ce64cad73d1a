import { and, eq, inArray } from 'drizzle-orm';
import { DEFAULT_INSTRUMENT, nextLevel } from '@dkbm/domain';
import type { FrameworkValue } from '@dkbm/contract';
import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import {
  assessmentAgreements,
  assessmentAnswers,
  assessmentGoals,
  assessmentParticipants,
  assessmentRounds,
  users,
} from '../../platform/db/schema';
import { hashToken, newToken } from '../../platform/auth/tokens';
import { DEFAULT_INSTRUMENT_ID, ensureDefaultInstrument, frameworkPrefill } from './assessment.service';
import { tenantScope } from '../../platform/tenancy/scope';

export const DEMO_ASSESSMENT_TITLE = 'Selbsteinschätzung 2025';

/** Component order of the default instrument: strategische_ziele … oeffentlichkeit. */
const KEYS = DEFAULT_INSTRUMENT.components.map((c) => c.key);

/** Ratings per rater in component order (null = „kann ich nicht einschätzen“). */
const RATERS: Array<{
  email: string | null;
  label: string | null;
  group: 'bildungsbuero' | 'verwaltung' | 'extern';
  levels: Array<number | null>;
  comments: Partial<Record<string, string>>;
}> = [
  {
    email: 'admin@musterstadt.example',
    label: null,
    group: 'bildungsbuero',
    levels: [2, 3, 2, 2, 3, 2, 2],
    comments: {
      datenbasierung: 'Der erste Bildungsbericht ist erschienen; die Daten werden jährlich fortgeschrieben.',
      koordination: 'Das Bildungsbüro koordiniert seit 2023 die Ämter für Schule, Jugend und Soziales.',
    },
  },
  {
    email: 'redaktion@musterstadt.example',
    label: null,
    group: 'bildungsbuero',
    levels: [2, 2, 2, 1, 3, 2, 1],
    comments: { oeffentlichkeit: 'Anfragen werden beantwortet, eigene Themen setzen wir kaum.' },
  },
  {
    email: 'fachbereich@musterstadt.example',
    label: null,
    group: 'verwaltung',
    levels: [1, 3, 3, 2, 2, null, 2],
    comments: { qualitaet: 'Dazu kann ich aus dem Fachbereich nichts sagen.' },
  },
  {
    email: null,
    label: 'Volkshochschule Musterstadt',
    group: 'extern',
    levels: [2, 2, 2, 3, 2, 1, 2],
    comments: { externe_kooperation: 'Wir sind regelmäßig in die Bildungskonferenz eingebunden.' },
  },
];

const AGREED: Record<string, { level: number; rationale: string }> = {
  strategische_ziele: {
    level: 2,
    rationale: 'Ziele entstehen in den Ressorts; eine gemeinsame Bildungsstrategie fehlt noch.',
  },
  datenbasierung: {
    level: 3,
    rationale: 'Bildungsbericht und jährliche Fortschreibung durch die beteiligten Ämter.',
  },
  interne_kooperation: {
    level: 2,
    rationale: 'Abstimmungen anlassbezogen; die Steuerungsgruppe tagt erst seit Kurzem.',
  },
  externe_kooperation: {
    level: 2,
    rationale: 'Externe werden punktuell konsultiert, die Bildungskonferenz ist im Aufbau.',
  },
  koordination: {
    level: 3,
    rationale: 'Das Bildungsbüro stimmt die wichtigsten Ressorts wirksam ab.',
  },
  qualitaet: {
    level: 2,
    rationale: 'Einzelne ressortübergreifende Projekte werden überprüft.',
  },
  oeffentlichkeit: {
    level: 1,
    rationale: 'Anfragen werden in Routinen beantwortet; proaktive Kommunikation fehlt.',
  },
};

const GOAL_DETAILS: Record<
  string,
  { plan: string; owner: string; dueOn: string; status: 'open' | 'in_progress' | 'done' }
> = {
  strategische_ziele: {
    plan: 'Leitbild Bildung mit allen Ämtern erarbeiten und im Rat beschließen lassen.',
    owner: 'Bildungsbüro',
    dueOn: '2026-06-30',
    status: 'in_progress',
  },
  oeffentlichkeit: {
    plan: 'Bildungsbericht mit Pressegespräch und Kurzfassung für Eltern veröffentlichen.',
    owner: 'Bildungsbüro mit Presseamt',
    dueOn: '2026-03-31',
    status: 'open',
  },
  datenbasierung: {
    plan: 'Kommunales Bildungsmonitoring mit festen Kernindikatoren aufbauen.',
    owner: 'Statistikstelle',
    dueOn: '2026-12-31',
    status: 'open',
  },
};

const FRAMEWORK_TEXT: Record<string, string> = {
  verwaltung: 'Kernverwaltung mit rund 1.900 Beschäftigten; Bildungsbüro mit 3,5 Stellen.',
  demografie: 'Leicht steigende Zahl junger Kinder in den inneren Stadtbezirken, Alterung am Stadtrand.',
  migration: 'Zuzug von Familien mit Fluchterfahrung seit 2022; Bedarf an Sprachförderung.',
  bildungsinfrastruktur:
    '38 Kindertageseinrichtungen, 14 Grundschulen, 9 weiterführende Schulen, Volkshochschule.',
  zugaenglichkeit: 'Gute Erreichbarkeit mit dem Bus in der Kernstadt, Lücken in den Außenbezirken.',
};

/**
 * Demo data of the self-assessment: a closed, consolidated round „Selbsteinschätzung 2025“ of
 * Musterstadt with four raters (three users, one external partner), agreed types and development goals.
 * Deterministic (fixed ratings, texts and dates); skipped when the round exists.
 */
export async function seedAssessmentDemo(db: Tx, demo: DemoTenants): Promise<void> {
  const tenant = { id: demo.musterstadt };
  await ensureDefaultInstrument(db);
  const exists = await db
    .select({ id: assessmentRounds.id })
    .from(assessmentRounds)
    .where(and(eq(assessmentRounds.tenantId, tenant.id), eq(assessmentRounds.title, DEMO_ASSESSMENT_TITLE)))
    .limit(1);
  if (exists[0]) return;
  const emails = RATERS.map((r) => r.email).filter((e): e is string => !!e);
  const userRows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, emails));
  const userId = new Map(userRows.map((u) => [u.email, u.id]));
  const adminId = userId.get('admin@musterstadt.example') ?? null;

  const roundId = await db.transaction(async (tx) => {
    const [round] = await tx
      .insert(assessmentRounds)
      .values({
        tenantId: tenant.id,
        instrumentId: DEFAULT_INSTRUMENT_ID,
        title: DEMO_ASSESSMENT_TITLE,
        purpose:
          'Erste Selbsteinschätzung nach dem DKBM-Entwicklungsmodell als Grundlage für die Bildungsstrategie der Stadt.',
        startsOn: '2025-03-03',
        endsOn: '2025-04-11',
        status: 'closed',
        anonymous: false,
        createdBy: adminId,
        createdAt: '2025-02-24T09:00:00Z',
        openedAt: '2025-03-03T08:00:00Z',
        closedAt: '2025-04-15T14:00:00Z',
      })
      .returning({ id: assessmentRounds.id });
    for (const [i, r] of RATERS.entries()) {
      const uid = r.email ? userId.get(r.email) : null;
      if (r.email && !uid) continue;
      const savedAt = `2025-03-${String(10 + i * 3).padStart(2, '0')}T10:00:00Z`;
      const [p] = await tx
        .insert(assessmentParticipants)
        .values({
          tenantId: tenant.id,
          roundId: round!.id,
          kind: uid ? 'user' : 'external',
          userId: uid ?? null,
          label: r.label,
          raterGroup: r.group,
          // An expired link whose token nobody knows.
          tokenHash: uid ? null : hashToken(newToken()),
          expiresAt: uid ? null : '2025-04-11T21:59:59Z',
          submittedAt: savedAt,
          lastSavedAt: savedAt,
          createdBy: adminId,
          createdAt: `2025-02-2${5 + Math.min(i, 3)}T09:00:00Z`,
        })
        .returning({ id: assessmentParticipants.id });
      await tx.insert(assessmentAnswers).values(
        KEYS.map((key, k) => ({
          participantId: p!.id,
          tenantId: tenant.id,
          roundId: round!.id,
          componentKey: key,
          level: r.levels[k] ?? null,
          cannotAssess: r.levels[k] === null,
          comment: r.comments[key] ?? null,
          updatedAt: savedAt,
        })),
      );
    }
    for (const c of DEFAULT_INSTRUMENT.components) {
      const a = AGREED[c.key]!;
      await tx.insert(assessmentAgreements).values({
        roundId: round!.id,
        tenantId: tenant.id,
        componentKey: c.key,
        level: a.level,
        rationale: a.rationale,
        decidedBy: adminId,
        decidedAt: '2025-04-10T15:00:00Z',
      });
      const target = nextLevel(a.level);
      const g = GOAL_DETAILS[c.key];
      await tx.insert(assessmentGoals).values({
        tenantId: tenant.id,
        roundId: round!.id,
        componentKey: c.key,
        fromLevel: a.level,
        targetLevel: target,
        targetText: c.types[target - 1]!,
        plan: g?.plan ?? null,
        owner: g?.owner ?? null,
        dueOn: g?.dueOn ?? null,
        status: g?.status ?? 'open',
        createdAt: '2025-04-10T15:00:00Z',
        updatedAt: '2025-04-10T15:00:00Z',
      });
    }
    return round!.id;
  });

  // Framework conditions: population from the demo monitoring data, the rest as text.
  const prefill = await frameworkPrefill(tenantScope(db, tenant.id), roundId);
  const framework: Record<string, FrameworkValue> = {};
  if (prefill.einwohner) framework.einwohner = prefill.einwohner;
  for (const [key, value] of Object.entries(FRAMEWORK_TEXT)) framework[key] = { value, source: 'manual' };
  await db.update(assessmentRounds).set({ framework }).where(eq(assessmentRounds.id, roundId));
}
