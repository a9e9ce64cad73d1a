/**
 * The Kennzahlenkatalog applied to municipalities (service level, PGlite and PostgreSQL): incomplete
 * indicators and the checklist, completion by imports, re-applying newer and older versions with local
 * edits, codes taken by own indicators, the demo municipality's local data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { roundHalfUp, type Catalogue } from '@dkbm/domain';
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../test/testDb';
import { createTenant } from '../tenants/tenants.service';
import { analyzeRun, commitRun, createRun } from '../imports/runs.service';
import { tenantScope } from '../../platform/tenancy/scope';
import { catalogueIndicators, indicators } from '../../platform/db/schema';
import { seedDemo } from '../../demo/seed';
import { DEMO_CATALOGUE_INDICATORS } from './demo.constants';
import { applyCatalogue, catalogueStatus, planCatalogue, shippedCatalogue } from './catalogue.service';

const FOOTER = [
  '__________',
  '"© Statistische Ämter des Bundes und der Länder, Deutschland, 2017.',
  'Dieses Werk ist lizensiert unter der Datenlizenz Deutschland',
  '- Namensnennung - Version 2.0."',
  'Stand: 10.10.2017 / 18:09:47',
];

/** Children in day care (layout of the Regionaldatenbank export 22543-01-02-4). */
function kitaTable(
  rows: Array<{ key: string; name: string; label: string; u3: number; u6: number }>,
  period = '01.03.2016',
): string {
  return [
    'GENESIS-Tabelle: 22543-01-02-4',
    'Statistik der öffentl. geförd. Kindertagespflege,;;;;;;;;;',
    'nach Art der Kindertagesbetreuung - Stichtag -;;;;;;;;;',
    'regional Tiefe: Kreise und krfr. Städte - ab 2011 -;;;;;;;;;',
    'Statistik der öffentl. geförd. Kindertagespflege;;;;;;;;;',
    ';;;;Betreute Kinder;Betreute Kinder;Betreute Kinder;Betreute Kinder;Kinder, Herkunft mind. 1 Elternteil ausländisch;Kinder mit Mittagsverpflegung',
    ';;;;;Altersgruppe;Altersgruppe;Altersgruppe;;',
    ';;;;;unter 3 Jahre;3 bis unter 6 Jahre;6 bis unter 14 Jahre;;',
    ';;;;Anzahl;Anzahl;Anzahl;Anzahl;Anzahl;Anzahl',
    ...rows.map(
      (r) =>
        `${period};${r.key};      ${r.name};${r.label};${r.u3 + r.u6 + 10};${r.u3};${r.u6};10;${Math.round(r.u6 / 4)};${r.u6}`,
    ),
    ...FOOTER,
  ].join('\n');
}

/** Population by age group on 31 Dec (layout of 12411-02-03-4). */
function populationTable(rows: Array<{ key: string; name: string; u3: number; u6: number }>): string {
  const line = (r: (typeof rows)[number], label: string, n: number) =>
    `31.12.2015;${r.key};      ${r.name};${label};${n};${Math.floor(n / 2)};${n - Math.floor(n / 2)}`;
  return [
    'GENESIS-Tabelle: 12411-02-03-4',
    'Bevölkerungsstand: Bevölkerung nach Geschlecht;;;;;;',
    'und Altersgruppen (17) - Stichtag 31.12. -;;;;;;',
    'regionale Tiefe: Kreise und krfr. Städte;;;;;;',
    'Fortschreibung des Bevölkerungsstandes;;;;;;',
    'Bevölkerungsstand (Anzahl);;;;;;',
    ';;;;Insgesamt;männlich;weiblich',
    ...rows.flatMap((r) => [
      line(r, 'unter 3 Jahre', r.u3),
      line(r, '3 bis unter 6 Jahre', r.u6),
      line(r, 'Insgesamt', r.u3 * 30),
    ]),
    ...FOOTER,
  ].join('\n');
}

const KREISE = [
  { key: '03159', name: 'Göttingen, Landkreis', u3: 8123, u6: 8311 },
  { key: '03151', name: 'Gifhorn, Landkreis', u3: 4877, u6: 4990 },
];
const CARE = [
  { key: '03159', name: 'Göttingen, Landkreis', label: 'Tageseinrichtung', u3: 2501, u6: 7702 },
  { key: '03159', name: 'Göttingen, Landkreis', label: 'Tagespflege', u3: 412, u6: 31 },
  {
    key: '03159',
    name: 'Göttingen, Landkreis',
    label: 'Insgesamt (ohne Doppelzählungen)',
    u3: 2897,
    u6: 7729,
  },
  { key: '03151', name: 'Gifhorn, Landkreis', label: 'Tageseinrichtung', u3: 1211, u6: 4560 },
  { key: '03151', name: 'Gifhorn, Landkreis', label: 'Tagespflege', u3: 240, u6: 0 },
  { key: '03151', name: 'Gifhorn, Landkreis', label: 'Insgesamt (ohne Doppelzählungen)', u3: 1449, u6: 4560 },
];

/** The shipped catalogue with changes, as a newer (or other) version. */
function variantOf(version: number, change: (c: Catalogue) => void): Catalogue {
  const c = structuredClone(shippedCatalogue());
  c.version = version;
  change(c);
  return c;
}
const entry = (c: Catalogue, code: string) => c.indicators.find((e) => e.code === code)!;

describe(`Kennzahlenkatalog on ${TEST_DRIVER}`, () => {
  let db: TestDatabase;
  let seq = 0;
  const newTenant = async () =>
    (await createTenant(db.db, { slug: `k${++seq}`, name: `Kreis ${seq}`, type: 'landkreis', ags: '03159' }))
      .id;
  const importText = async (tenantId: string, name: string, text: string) => {
    const runId = await createRun(tenantScope(db.db, tenantId), {
      userId: null,
      via: 'cli',
      file: { name, bytes: new TextEncoder().encode(text) },
    });
    await analyzeRun(db, tenantId, runId, {});
    return commitRun(db, tenantId, runId, {});
  };
  const row = async (tenantId: string, code: string) =>
    (
      await db.db
        .select()
        .from(indicators)
        .where(and(eq(indicators.tenantId, tenantId), eq(indicators.code, code)))
    )[0];
  const values = async (tenantId: string, code: string) =>
    db.query<{ area: string; period: string; value: string | null; flag: string | null }>(
      `SELECT a.code AS area, o.period::text AS period, o.value::text AS value, o.flag
         FROM observations o JOIN series s ON s.id = o.series_id JOIN areas a ON a.id = o.area_id
         JOIN indicators i ON i.id = s.indicator_id
        WHERE i.tenant_id = $1 AND i.code = $2 ORDER BY 1, 2`,
      [tenantId, code],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
  }, 120_000);
  afterAll(async () => db?.destroy());

  it('applies a topic to an empty municipality: every indicator incomplete, the checklist names tables and where to get them', async () => {
    const tenantId = await newTenant();
    const other = await newTenant();
    const topic = shippedCatalogue().indicators.filter((e) => e.meta.topic === 'fruehkindliche_bildung');
    const r = await applyCatalogue(tenantScope(db.db, tenantId), { topics: ['fruehkindliche_bildung'] });
    expect(r.counts.create).toBe(topic.length);
    const byState = (s: string) => r.status.entries.filter((e) => e.state === s).map((e) => e.code);
    expect(byState('incomplete').toSorted()).toEqual(topic.map((e) => e.code).toSorted());
    expect(byState('complete')).toEqual([]);
    const kita = r.status.checklist.find((c) => c.source === '22543-01-02-4')!;
    expect(kita).toMatchObject({
      state: 'missing',
      origin: 'official',
      url: 'https://www.regionalstatistik.de/genesis/online?operation=table&code=22543-01-02-4',
    });
    expect(kita.neededBy).toContain('betreuungsquote_u3');
    const seu = r.status.checklist.find((c) => c.source === 'kommunal.schuleingangsuntersuchung')!;
    expect(seu).toMatchObject({ origin: 'local', url: null, state: 'missing' });
    expect(seu.howTo).toMatch(/Gesundheitsamt/);
    // Missing sources first.
    expect(r.status.checklist.every((c) => c.state === 'missing')).toBe(true);
    // The catalogue metadata reach the indicator; the definition is the catalogue's.
    const quote = (await row(tenantId, 'betreuungsquote_u3'))!;
    expect(quote).toMatchObject({
      topic: 'fruehkindliche_bildung',
      tier: 'kern',
      polarity: 'higher_better',
      licence: 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)',
      visibility: 'internal',
    });
    expect(quote.description).toContain(
      'Bezugszeitpunkte: betreut – Stichtag 1. März; kinder – Stichtag 31.12. des Vorjahres',
    );
    expect(quote.source).toBe(
      'Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland: 22543-01-02-4, 12411-02-03-4; eigene Berechnung',
    );
    // Another municipality is untouched.
    const st = await catalogueStatus(tenantScope(db.db, other));
    expect(st.entries.every((e) => e.state === 'not_applied')).toBe(true);
    expect(st.checklist).toEqual([]);
  });

  it('importing one table keeps the import working; the second one completes the indicator without applying again', async () => {
    const tenantId = await newTenant();
    await applyCatalogue(tenantScope(db.db, tenantId), {
      codes: ['betreuungsquote_u3', 'anteil_u3_tagespflege'],
    });
    const kita = await importText(tenantId, '22543-01-02-4_00.csv', kitaTable(CARE));
    expect(kita.recomputed.toSorted()).toEqual(['anteil_u3_tagespflege', 'betreuungsquote_u3']);
    let st = await catalogueStatus(tenantScope(db.db, tenantId));
    const quote = () => st.entries.find((e) => e.code === 'betreuungsquote_u3')!;
    expect(quote().state).toBe('incomplete');
    expect(quote().inputs.map((i) => [i.name, i.present])).toEqual([
      ['betreut', true],
      ['kinder', false],
    ]);
    expect(st.checklist.map((c) => [c.source, c.state])).toEqual([
      ['12411-02-03-4', 'missing'],
      ['22543-01-02-4', 'present'],
    ]);
    await importText(tenantId, '12411-02-03-4_00.csv', populationTable(KREISE));
    st = await catalogueStatus(tenantScope(db.db, tenantId));
    expect(quote().state).toBe('complete');
    expect(st.checklist.every((c) => c.state === 'present')).toBe(true);
    // Betreute Kinder U3 on 1 March 2016 ÷ Kinder U3 on 31 Dec 2015 × 100, rounded half-up.
    expect(await values(tenantId, 'betreuungsquote_u3')).toEqual(
      KREISE.toSorted((a, b) => a.key.localeCompare(b.key)).map((k) => ({
        area: k.key,
        period: '2016-03-01',
        value: roundHalfUp(
          String((CARE.find((c) => c.key === k.key && c.label.startsWith('Insgesamt'))!.u3 * 100) / k.u3),
          1,
        ),
        flag: null,
      })),
    );
    // The period type follows the driving input (1 March: a date), though it was unknown when applied.
    expect((await row(tenantId, 'betreuungsquote_u3'))!.periodType).toBe('date');
  });

  it('re-applying the same version changes nothing', async () => {
    const tenantId = await newTenant();
    await applyCatalogue(tenantScope(db.db, tenantId), { topics: ['allgemeinbildende_schulen'] });
    const n = shippedCatalogue().indicators.filter(
      (e) => e.meta.topic === 'allgemeinbildende_schulen',
    ).length;
    const again = await applyCatalogue(tenantScope(db.db, tenantId), {
      topics: ['allgemeinbildende_schulen'],
    });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: n, keep_local: 0 });
  });

  it('a newer version reaches untouched fields, keeps and reports local edits, overwrites them only when asked', async () => {
    const tenantId = await newTenant();
    await importText(tenantId, '22543-01-02-4_00.csv', kitaTable(CARE));
    await importText(tenantId, '12411-02-03-4_00.csv', populationTable(KREISE));
    await applyCatalogue(tenantScope(db.db, tenantId), { topics: ['fruehkindliche_bildung'] });
    // A local edit: the Bildungsbüro renames the indicator.
    await db.db
      .update(indicators)
      .set({ nameDe: 'U3-Quote (unsere Bezeichnung)' })
      .where(and(eq(indicators.tenantId, tenantId), eq(indicators.code, 'betreuungsquote_u3')));
    const v2 = variantOf(2, (c) => {
      entry(c, 'betreuungsquote_u3').decimals = 2;
      entry(c, 'betreuungsquote_u3').name = { de: 'Betreuungsquote der unter 3-Jährigen' };
      entry(c, 'betreuungsquote_3_bis_6').description = 'Neue Definition.';
    });
    const plan = await planCatalogue(tenantScope(db.db, tenantId), {
      catalogue: v2,
      topics: ['fruehkindliche_bildung'],
    });
    const u3 = plan.items.find((i) => i.code === 'betreuungsquote_u3')!;
    expect(u3.action).toBe('update');
    expect(u3.fromVersion).toBe(1);
    expect(u3.changes.map((c) => [c.field, c.outcome, c.local, c.catalogue])).toEqual([
      ['nameDe', 'keep_local', 'U3-Quote (unsere Bezeichnung)', 'Betreuungsquote der unter 3-Jährigen'],
      ['nameEn', 'apply', 'Childcare rate under 3', null],
      ['decimals', 'apply', 1, 2],
    ]);
    expect(plan.items.find((i) => i.code === 'betreuungsquote_3_bis_6')!.changes.map((c) => c.field)).toEqual(
      ['description'],
    );
    expect(plan.counts.update).toBe(2);
    // The preview changed nothing.
    expect((await row(tenantId, 'betreuungsquote_u3'))!.decimals).toBe(1);

    const applied = await applyCatalogue(tenantScope(db.db, tenantId), { catalogue: v2, version: 2 });
    expect(applied.counts.update).toBe(2);
    const after = (await row(tenantId, 'betreuungsquote_u3'))!;
    expect(after).toMatchObject({ nameDe: 'U3-Quote (unsere Bezeichnung)', nameEn: null, decimals: 2 });
    expect((await values(tenantId, 'betreuungsquote_u3'))[0]!.value).toMatch(/^\d+\.\d\d$/);
    const st = applied.status.entries.find((e) => e.code === 'betreuungsquote_u3')!;
    expect(st).toMatchObject({ appliedVersion: 2, locallyEdited: ['nameDe'], state: 'complete' });
    // Applying version 2 again: the kept edit is no news.
    expect(
      (await planCatalogue(tenantScope(db.db, tenantId), { catalogue: v2 })).items.find(
        (i) => i.code === 'betreuungsquote_u3',
      )!.action,
    ).toBe('unchanged');

    // Version 3 renames again: conflict kept without, replaced with --overwrite.
    const v3 = variantOf(3, (c) => {
      Object.assign(entry(c, 'betreuungsquote_u3'), { decimals: 2, name: { de: 'Betreuungsquote U3' } });
    });
    const kept = await planCatalogue(tenantScope(db.db, tenantId), {
      catalogue: v3,
      codes: ['betreuungsquote_u3'],
    });
    expect(kept.items[0]!.action).toBe('keep_local');
    await applyCatalogue(tenantScope(db.db, tenantId), {
      catalogue: v3,
      codes: ['betreuungsquote_u3'],
      overwrite: ['betreuungsquote_u3'],
    });
    expect((await row(tenantId, 'betreuungsquote_u3'))!.nameDe).toBe('Betreuungsquote U3');
    const link = (
      await db.db.select().from(catalogueIndicators).where(eq(catalogueIndicators.indicatorId, after.id))
    )[0]!;
    expect(link.catalogueVersion).toBe(3);

    // An older catalogue never downgrades; a stale preview is refused.
    const older = await planCatalogue(tenantScope(db.db, tenantId), { codes: ['betreuungsquote_u3'] });
    expect(older.items[0]).toMatchObject({ action: 'skip_newer_version', fromVersion: 3 });
    await expect(
      applyCatalogue(tenantScope(db.db, tenantId), { catalogue: v3, version: 2 }),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'catalogue_version',
    });
  });

  it('a code the municipality already uses for its own indicator is left alone', async () => {
    const tenantId = await newTenant();
    await db.db.insert(indicators).values({
      tenantId,
      code: 'betreuungsquote_u3',
      nameDe: 'Eigene Quote',
      unit: '%',
      topic: 'fruehkindliche_bildung',
    });
    const r = await applyCatalogue(tenantScope(db.db, tenantId), {
      codes: ['betreuungsquote_u3', 'betreuungsquote_3_bis_6'],
    });
    expect(r.items.map((i) => [i.code, i.action])).toEqual([
      ['betreuungsquote_u3', 'skip_code_taken'],
      ['betreuungsquote_3_bis_6', 'create'],
    ]);
    expect((await row(tenantId, 'betreuungsquote_u3'))!.nameDe).toBe('Eigene Quote');
    expect(r.status.entries.find((e) => e.code === 'betreuungsquote_u3')!.state).toBe('code_taken');
  });

  it('a table whose values do not fit a catalogue indicator is imported anyway; the status says what is missing', async () => {
    const tenantId = await newTenant();
    await applyCatalogue(tenantScope(db.db, tenantId), { codes: ['betreuungsquote_u3'] });
    await importText(tenantId, '12411-02-03-4_00.csv', populationTable(KREISE));
    // An export whose total is labelled "Insgesamt" (as 22543-01-01-4 until 2010).
    const renamed = CARE.map((c) => ({ ...c, label: c.label.replace(' (ohne Doppelzählungen)', '') }));
    const r = await importText(tenantId, '22543-01-02-4_00.csv', kitaTable(renamed));
    expect(r.observations.inserted).toBeGreaterThan(0);
    const st = (await catalogueStatus(tenantScope(db.db, tenantId))).entries.find(
      (e) => e.code === 'betreuungsquote_u3',
    )!;
    expect(st.state).toBe('incomplete');
    expect(st.inputs.find((i) => i.name === 'betreut')!.problem).toBe(
      'Wert ‚insgesamt_ohne_doppelzaehlungen‘ von ‚betreuungsart‘ fehlt (vorhanden: insgesamt, tageseinrichtung, tagespflege)',
    );
    expect(await values(tenantId, 'betreuungsquote_u3')).toEqual([]);
  });

  it('unknown topics and entries are refused with the allowed values', async () => {
    const tenantId = await newTenant();
    await expect(applyCatalogue(tenantScope(db.db, tenantId), { topics: ['kita'] })).rejects.toThrow(
      /Unbekanntes Themenfeld „kita“ \(erlaubt: rahmenbedingungen, /,
    );
    await expect(planCatalogue(tenantScope(db.db, tenantId), { codes: ['quote'] })).rejects.toThrow(
      'Der Katalog enthält keinen Indikator „quote“.',
    );
  });

  it('the demo municipality has the catalogue indicators its generated data allow, computed from local data', async () => {
    await seedDemo(db.db);
    const demoId = (await db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'musterstadt'`))[0]!
      .id;
    const st = await catalogueStatus(tenantScope(db.db, demoId));
    const applied = st.entries.filter((e) => e.state !== 'not_applied');
    expect(applied.map((e) => [e.code, e.state, e.variant]).toSorted()).toEqual(
      DEMO_CATALOGUE_INDICATORS.toSorted().map((c) => [c, 'complete', 'local']),
    );
    // Exactly the entries whose local variant the demo data feed.
    expect(DEMO_CATALOGUE_INDICATORS.toSorted()).toEqual(
      shippedCatalogue()
        .indicators.filter(
          (e) =>
            Object.values(e.meta.local?.inputs ?? {}).every((i) =>
              ['bevoelkerung_altersgruppen', 'kinder_in_betreuung'].includes(i.indicator),
            ) && e.meta.local,
        )
        .map((e) => e.code)
        .toSorted(),
    );
    // The childcare rate stays public, as before, and computes the rate by district.
    const rate = (await row(demoId, 'betreuungsquote_u3'))!;
    expect(rate.visibility).toBe('public');
    // The description is that of the local variant: its reference dates and caveats, not the tables'.
    expect(rate.description).toContain('betreut – Stichtag 1. März (Wohnort des Kindes)');
    expect(rate.description).toContain('Kleinräumige Variante: Kleinräumig nach dem Wohnort des Kindes');
    expect(rate.description).not.toContain('Ort der Einrichtung');
    expect(rate.source).toBe(
      'Daten der Kommune: Daten des Jugendamts (Kita-Bedarfsplanung, Kita-Platzvergabe); Einwohnermeldedaten der Kommune (Statistikstelle); eigene Berechnung',
    );
    // Published by the demo municipality as open data under the Datenlizenz Deutschland.
    expect(rate.licence).toBe('Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)');
    const v = await values(demoId, 'betreuungsquote_u3');
    expect(v.length).toBeGreaterThan(12 * 4);
    expect(v.every((x) => x.value !== null && Number(x.value) > 10 && Number(x.value) < 60)).toBe(true);
  });
});
