/**
 * The Kennzahlenkatalog over HTTP (PGlite and PostgreSQL): status and checklist for readers, preview and
 * apply for the Bildungsbüro, the version guard, unknown topics and entries, and local edits that a
 * re-apply keeps unless the request names them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogueApplyResultSchema,
  cataloguePlanSchema,
  catalogueStatusSchema,
  type CatalogueStatusResponse,
} from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { DEMO_CATALOGUE_INDICATORS, DEMO_PUBLISHED_CATALOGUE_INDICATORS } from './demo.constants';

/** The demo publishes some indicators under its own open-data licence: a deliberate local edit. */
const publishingEdits = (code: string) =>
  (DEMO_PUBLISHED_CATALOGUE_INDICATORS as readonly string[]).includes(code) ? ['licence', 'attribution'] : [];
import { shippedCatalogue } from './catalogue.service';

describe(`Kennzahlenkatalog API on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let viewer: TestClient;
  let M: string;
  const url = (p = '') => `/api/tenants/${M}/catalogue${p}`;
  const catalogue = shippedCatalogue();
  const status = async (c: TestClient = viewer): Promise<CatalogueStatusResponse> => {
    const res = await c.get(url());
    expect(res.statusCode, res.body).toBe(200);
    return catalogueStatusSchema.parse(res.json());
  };

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    M = (await editor.session()).memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  });
  afterAll(async () => t?.close());

  it('a viewer reads the status: every entry, the demo’s applied ones complete with values', async () => {
    const st = await status();
    expect(st.catalogue).toMatchObject({ id: catalogue.id, version: catalogue.version });
    expect(st.entries.map((e) => e.code)).toEqual(catalogue.indicators.map((e) => e.code));
    const applied = st.entries.filter((e) => e.state !== 'not_applied');
    expect(applied.map((e) => e.code).toSorted()).toEqual([...DEMO_CATALOGUE_INDICATORS].toSorted());
    for (const e of applied) {
      expect(e, e.code).toMatchObject({
        state: 'complete',
        variant: 'local',
        locallyEdited: publishingEdits(e.code),
      });
      expect(e.observations, e.code).toBeGreaterThan(0);
    }
  });

  it('a viewer may not preview or apply (403), and nothing changes', async () => {
    const before = await status();
    for (const p of ['/plan', '/apply']) {
      const res = await viewer.post(url(p), { topics: ['grundinformationen'] });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error).toBe('forbidden');
    }
    expect(await status()).toEqual(before);
  });

  it('refuses a preview of another catalogue version (409) and unknown topics or entries (400)', async () => {
    for (const p of ['/plan', '/apply']) {
      const old = await editor.post(url(p), { version: catalogue.version + 1 });
      expect(old.statusCode, old.body).toBe(409);
      expect(old.json()).toMatchObject({ error: 'catalogue_version' });
      expect(old.json().message).toContain(`Fassung ${catalogue.version}`);
      const topic = await editor.post(url(p), { topics: ['astrologie'] });
      expect(topic.statusCode, topic.body).toBe(400);
      expect(topic.json()).toMatchObject({ error: 'unknown_topic' });
      expect(topic.json().message).toContain('„astrologie“');
      const entry = await editor.post(url(p), { codes: ['gibt_es_nicht'] });
      expect(entry.statusCode, entry.body).toBe(400);
      expect(entry.json()).toMatchObject({ error: 'unknown_entry' });
    }
    expect((await status()).entries.filter((e) => e.state !== 'not_applied')).toHaveLength(
      DEMO_CATALOGUE_INDICATORS.length,
    );
  });

  it('the preview of a topic lists new and unchanged indicators and changes nothing', async () => {
    const topic = 'fruehkindliche_bildung';
    const inTopic = catalogue.indicators.filter((e) => e.meta.topic === topic).map((e) => e.code);
    const res = await editor.post(url('/plan'), { topics: [topic], version: catalogue.version });
    expect(res.statusCode, res.body).toBe(200);
    const plan = cataloguePlanSchema.parse(res.json());
    expect(plan.items.map((i) => i.code)).toEqual(inTopic);
    const applied = inTopic.filter((c) => DEMO_CATALOGUE_INDICATORS.includes(c));
    expect(applied.length).toBeGreaterThan(0);
    expect(plan.counts).toMatchObject({ unchanged: applied.length, create: inTopic.length - applied.length });
    expect((await status()).entries.filter((e) => e.state !== 'not_applied')).toHaveLength(
      DEMO_CATALOGUE_INDICATORS.length,
    );
  });

  it('applying chosen entries creates them; the checklist names the missing tables and where to download them', async () => {
    const codes = ['anteil_abgaenger_ohne_hauptschulabschluss', 'betreuungsquote_u3'].filter((c) =>
      catalogue.indicators.some((e) => e.code === c),
    );
    expect(codes).toHaveLength(2);
    const res = await editor.post(url('/apply'), { codes, version: catalogue.version });
    expect(res.statusCode, res.body).toBe(200);
    const r = catalogueApplyResultSchema.parse(res.json());
    expect(Object.fromEntries(r.items.map((i) => [i.code, i.action]))).toEqual({
      [codes[0]!]: 'create',
      [codes[1]!]: 'unchanged',
    });
    const created = r.status.entries.find((e) => e.code === codes[0])!;
    expect(created).toMatchObject({ state: 'incomplete', appliedVersion: catalogue.version });
    const missing = r.status.checklist.filter((c) => c.neededBy.includes(codes[0]!));
    expect(missing.length).toBeGreaterThan(0);
    for (const c of missing) {
      expect(c.state, c.source).toBe('missing');
      if (c.origin !== 'local') {
        expect(c.url).toBe(
          `https://www.regionalstatistik.de/genesis/online?operation=table&code=${c.source}`,
        );
      }
    }
    // Missing sources come first, the demo's present ones after them.
    const order = r.status.checklist.map((c) => c.state);
    expect(order.indexOf('present')).toBeGreaterThan(order.lastIndexOf('missing'));
    // The new indicator is in the monitoring's list like every other one.
    const list = (await viewer.get(`/api/tenants/${M}/indicators`)).json() as Array<{ code: string }>;
    expect(list.map((i) => i.code)).toContain(codes[0]);
    expect(await status()).toEqual(r.status);
  });

  it('a local edit shows in the status; a newer catalogue value is kept out unless the request overwrites it', async () => {
    const code = 'betreuungsquote_3_bis_6';
    const entry = (await status()).entries.find((e) => e.code === code)!;
    const own = 'Betreuungsquote 3 bis 6 (eigene Bezeichnung)';
    const patched = await editor.patch(`/api/tenants/${M}/indicators/${entry.indicatorId}`, { nameDe: own });
    expect(patched.statusCode, patched.body).toBe(200);
    const edited = (await status()).entries.find((e) => e.code === code)!;
    expect(edited.locallyEdited).toEqual(['nameDe', ...publishingEdits(code)]);
    // The catalogue has not changed the name: nothing to do, the edit stays.
    let plan = cataloguePlanSchema.parse((await editor.post(url('/plan'), { codes: [code] })).json());
    expect(plan.items[0]).toMatchObject({ action: 'unchanged', changes: [] });

    // As if the indicator came from an older version with another name: now both sides changed it.
    const [link] = await t.database.query<{ base: Record<string, unknown> }>(
      'SELECT base FROM catalogue_indicators WHERE indicator_id = $1',
      [entry.indicatorId],
    );
    await t.database.query(
      'UPDATE catalogue_indicators SET catalogue_version = 0, base = $2 WHERE indicator_id = $1',
      [entry.indicatorId, JSON.stringify({ ...link!.base, nameDe: 'Alter Katalogname' })],
    );
    const catalogueName = catalogue.indicators.find((e) => e.code === code)!.name.de;
    plan = cataloguePlanSchema.parse((await editor.post(url('/plan'), { codes: [code] })).json());
    expect(plan.items[0]).toMatchObject({ action: 'keep_local', fromVersion: 0 });
    expect(plan.items[0]!.changes).toEqual([
      { field: 'nameDe', label: 'Name', local: own, catalogue: catalogueName, outcome: 'keep_local' },
    ]);
    const name = async () =>
      (
        (await viewer.get(`/api/tenants/${M}/indicators/${entry.indicatorId}`)).json() as {
          nameDe: string;
        }
      ).nameDe;

    const kept = catalogueApplyResultSchema.parse(
      (await editor.post(url('/apply'), { codes: [code] })).json(),
    );
    expect(kept.items[0]!.changes[0]!.outcome).toBe('keep_local');
    expect(await name()).toBe(own);
    // The local edit stays a local edit against the applied version.
    expect(kept.status.entries.find((e) => e.code === code)).toMatchObject({
      appliedVersion: catalogue.version,
      locallyEdited: ['nameDe', ...publishingEdits(code)],
    });

    // Once more from the older version, this time naming the indicator to overwrite.
    await t.database.query(
      'UPDATE catalogue_indicators SET catalogue_version = 0, base = $2 WHERE indicator_id = $1',
      [entry.indicatorId, JSON.stringify({ ...link!.base, nameDe: 'Alter Katalogname' })],
    );
    const preview = cataloguePlanSchema.parse(
      (await editor.post(url('/plan'), { codes: [code], overwrite: [code] })).json(),
    );
    expect(preview.items[0]).toMatchObject({ action: 'update' });
    expect(preview.items[0]!.changes[0]!.outcome).toBe('overwrite');
    const over = await editor.post(url('/apply'), { codes: [code], overwrite: [code] });
    expect(over.statusCode, over.body).toBe(200);
    expect(await name()).toBe(catalogueName);
    expect((await status()).entries.find((e) => e.code === code)!.locallyEdited).toEqual(
      publishingEdits(code),
    );
  });
});
