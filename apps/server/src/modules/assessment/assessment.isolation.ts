import crypto from 'node:crypto';
import { DEFAULT_INSTRUMENT } from '@dkbm/domain';
import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';
import { DEFAULT_INSTRUMENT_ID } from './assessment.service';

const base = '/api/tenants/:tenantId/assessment';

/** Any agency: agencies are tenants anybody may share with, so their id is no foreign object. */
const SOME_AGENCY = '7a1e2f3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

/**
 * A draft round with an external rater and an evidence file, an adapted instrument (the other tenant's
 * own version; the own tenant uses the shipped default) and a share with a regional agency.
 */
async function fixtures(f: FixtureContext) {
  const foreign = f.label === 'foreign';
  const names = foreign
    ? { round: 'Fremde Selbsteinschätzung', rater: 'Fremder Kita-Träger', file: 'fremder-nachweis.pdf' }
    : { round: 'Eigene Testrunde', rater: 'Eigener Kita-Träger', file: 'eigener-nachweis.pdf' };
  const expectCreated = (res: { statusCode: number; body: string }) => {
    if (res.statusCode !== 201) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  };
  const round = expectCreated(
    await f.asAdmin('POST', `/api/tenants/${f.tenantId}/assessment/rounds`, {
      title: names.round,
      startsOn: '2026-01-01',
      endsOn: '2099-12-31',
    }),
  );
  const participant = expectCreated(
    await f.asAdmin('POST', `/api/tenants/${f.tenantId}/assessment/rounds/${round.id}/participants`, {
      kind: 'external',
      label: names.rater,
    }),
  );
  const instrument = foreign
    ? expectCreated(
        await f.asAdmin('POST', `/api/tenants/${f.tenantId}/assessment/instruments`, {
          basedOn: DEFAULT_INSTRUMENT_ID,
          content: { ...DEFAULT_INSTRUMENT, title: 'Fremdes Geheiminstrument' },
        }),
      ).id
    : DEFAULT_INSTRUMENT_ID;
  const [file] = await f.query<{ id: string }>(
    `INSERT INTO assessment_files (tenant_id, round_id, participant_id, component_key, name, mime, size, content)
     VALUES ($1, $2, $3, 'koordination', $4, 'application/pdf', 4, 'JVBERg==') RETURNING id`,
    [f.tenantId, round.id, participant.id, names.file],
  );
  const [agency] = await f.query<{ id: string }>(
    `INSERT INTO tenants (slug, name, type) VALUES ($1, $2, 'regionale_agentur') RETURNING id`,
    [`agentur-${crypto.randomBytes(4).toString('hex')}`, `Agentur (${f.label})`],
  );
  await f.query(
    `INSERT INTO assessment_shares (tenant_id, agency_tenant_id, granted_by) VALUES ($1, $2, $3)`,
    [f.tenantId, agency!.id, f.people.admin],
  );
  return {
    ids: { round: round.id, participant: participant.id, instrument, file: file!.id, agency: agency!.id },
    secrets: [round.id, names.round, participant.id, names.rater, ...(foreign ? [instrument] : [])],
  };
}

const rounds = `${base}/rounds/:roundId`;

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/instruments`]: {},
    [`POST ${base}/instruments`]: {
      body: (ids, tag) => ({
        basedOn: ids.instrument!,
        content: { ...DEFAULT_INSTRUMENT, title: `Eindringling ${tag}` },
      }),
    },
    [`GET ${base}/rounds`]: {},
    [`GET ${base}/my-rounds`]: {},
    [`POST ${base}/rounds`]: {
      body: (ids, tag) => ({
        title: `Eindringling ${tag}`,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        instrumentId: ids.instrument!,
      }),
    },
    [`GET ${rounds}`]: {},
    [`PATCH ${rounds}`]: { body: (_ids, tag) => ({ title: `Gekapert ${tag}`, status: 'open' }) },
    [`DELETE ${rounds}`]: {},
    [`GET ${rounds}/participants`]: {},
    [`GET ${rounds}/candidates`]: {},
    [`POST ${rounds}/participants`]: { body: (ids) => ({ kind: 'user', userId: ids.user! }) },
    [`DELETE ${rounds}/participants/:participantId`]: {},
    [`GET ${rounds}/my`]: {},
    [`PUT ${rounds}/my/answers/:componentKey`]: {
      body: (_ids, tag) => ({ level: 2, comment: `Eindringling ${tag}` }),
    },
    [`POST ${rounds}/my/submit`]: {},
    [`POST ${rounds}/my/answers/:componentKey/evidence`]: {},
    [`DELETE ${rounds}/my/answers/:componentKey/evidence`]: {},
    [`GET ${rounds}/files/:fileId`]: {},
    [`GET ${rounds}/framework`]: {},
    [`PUT ${rounds}/framework`]: {
      body: (ids) => ({
        einwohner: {
          value: '1',
          source: 'indicator',
          indicatorId: ids.indicator!,
          indicatorName: 'Einwohnerinnen und Einwohner',
          period: '2023-12-31',
        },
      }),
    },
    [`GET ${rounds}/framework/prefill`]: {},
    [`GET ${rounds}/consolidation`]: {},
    [`PUT ${rounds}/consolidation/:componentKey`]: {
      body: (_ids, tag) => ({ level: 4, rationale: `Eindringling ${tag}` }),
    },
    [`GET ${rounds}/results`]: {},
    [`PUT ${rounds}/goals/:componentKey`]: {
      body: (_ids, tag) => ({ status: 'done', plan: `Eindringling ${tag}` }),
    },
    [`GET ${rounds}/export/ratings.csv`]: {},
    [`GET ${rounds}/export/profile.pdf`]: {},
    [`GET ${rounds}/export/report.pdf`]: {},
    [`GET ${rounds}/export/report.docx`]: {},
    [`GET ${base}/agencies`]: {},
    [`GET ${base}/shares`]: {},
    [`POST ${base}/shares`]: { body: () => ({ agencyTenantId: SOME_AGENCY }) },
    [`DELETE ${base}/shares/:agencyTenantId`]: {},
    [`GET ${base}/network`]: {},
  },
  fixtureKinds: ['round', 'participant', 'instrument', 'file', 'agency'],
  fixtures,
};
