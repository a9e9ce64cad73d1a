import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DirectoryEntry,
  DirectoryOutboxMessage,
  DirectoryProvider,
  ProviderEntry,
  ProviderOverview,
  ReminderReport,
  ReviewItem,
} from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { createUserViaApi, tenantIdBySlug } from '../../test/fixtures';

/** A new offer as a provider submits it. */
const course = (title: string, over: Record<string, unknown> = {}) => ({
  title,
  type: 'kurs',
  categories: ['weiterbildung'],
  cost: 'kostenpflichtig',
  price: '49.00',
  description: 'Acht Abende in kleiner Gruppe.',
  targetGroups: ['erwachsene'],
  ...over,
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe(`providers („Anbieter“) and moderation over HTTP on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let editor: TestClient;
  let provider: TestClient;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    provider = await t.signIn(DEMO.provider.email, DEMO.provider.password);
    base = `/api/tenants/${M}/directory`;
  });
  afterAll(async () => t?.close());

  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  const overview = async (c = provider) => (await c.get(`${base}/provider`)).json() as ProviderOverview;
  const queue = async () => (await editor.get(`${base}/review`)).json() as ReviewItem[];
  const outbox = async () => (await editor.get(`${base}/outbox`)).json() as DirectoryOutboxMessage[];

  it('the demo provider sees only its own offers, and none of the municipality’s data', async () => {
    const o = await overview();
    expect(o.provider?.name).toBe('Volkshochschule Musterstadt');
    expect(o.entries.map((e) => e.name).toSorted()).toEqual([
      'Alphabetisierung und Grundbildung',
      'Computerkurs für Seniorinnen und Senioren',
      'Deutschsprachkurs A1 am Vormittag',
      'Sprachkurse Englisch für Einsteiger',
    ]);
    expect(o.entries.filter((e) => e.pending).map((e) => e.name)).toEqual([
      'Computerkurs für Seniorinnen und Senioren',
    ]);
    for (const url of [`${base}/entries`, `${base}/review`, `/api/tenants/${M}/indicators`])
      expect((await provider.get(url)).statusCode, url).toBe(403);
    expect((await provider.post(`${base}/offers`, course('Am Bildungsbüro vorbei'))).statusCode).toBe(403);
  });

  it('another provider’s entry and the Bildungsbüro’s own entries are 404 for a provider', async () => {
    const all = (await editor.get(`${base}/entries`)).json() as DirectoryEntry[];
    const res = await editor.post(`${base}/providers`, {
      name: 'Kinderwelt gGmbH',
      contactEmail: 'kontakt@kinderwelt.example',
    });
    expect(res.statusCode, res.body).toBe(201);
    const other = res.json() as DirectoryProvider;
    const hausaufgaben = all.find((e) => e.name === 'Hausaufgabenhilfe')!;
    const assigned = await editor.put(`${base}/entries/${hausaufgaben.id}/provider`, {
      providerId: other.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const own = all.find((e) => e.name === 'Ausbildungsmesse')!; // no provider: the Bildungsbüro's
    for (const e of [hausaufgaben, own]) {
      expect((await provider.get(`${base}/provider/entries/${e.id}`)).statusCode).toBe(404);
      const put = await provider.put(`${base}/provider/entries/${e.id}`, course('Übernommen'));
      expect(put.statusCode).toBe(404);
      expect(put.body).not.toContain(e.name);
    }
    expect((await overview()).entries.some((e) => e.id === hausaufgaben.id)).toBe(false);
    // Only people with the role „Anbieter“ can act for a provider.
    const admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    const person = await createUserViaApi(admin, M, 'viewer');
    const refused = await editor.post(`${base}/providers/${other.id}/accounts`, { email: person.email });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/Rolle „Anbieter“/);
    const kinderwelt = await createUserViaApi(admin, M, 'provider');
    const ok = await editor.post(`${base}/providers/${other.id}/accounts`, {
      email: kinderwelt.email.toUpperCase(),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as DirectoryProvider).accounts.map((a) => a.userId)).toEqual([kinderwelt.id]);
    const client = await t.signIn(kinderwelt.email, kinderwelt.password);
    expect((await overview(client)).entries.map((e) => e.name)).toEqual(['Hausaufgabenhilfe']);
  });

  it('a new offer waits in the review queue (not public) until the Bildungsbüro approves it', async () => {
    const res = await provider.post(`${base}/provider/offers`, course('Italienisch für die Reise'));
    expect(res.statusCode, res.body).toBe(201);
    const submitted = res.json() as ProviderEntry;
    expect(submitted).toMatchObject({ status: 'eingereicht', pending: true });
    expect(submitted.provider).toBe('Volkshochschule Musterstadt');
    expect((await page(`/kommune/musterstadt/wegweiser/${submitted.slug}`)).statusCode).toBe(404);
    expect((await page('/kommune/musterstadt/wegweiser?q=Italienisch')).body).toContain('Keine Treffer');

    const item = (await queue()).find((i) => i.entryId === submitted.id)!;
    expect(item).toMatchObject({ isNew: true, provider: { name: 'Volkshochschule Musterstadt' } });
    expect(item.changes).toContainEqual({
      field: 'title',
      label: 'Titel',
      before: '',
      after: 'Italienisch für die Reise',
    });
    const ok = await editor.post(`${base}/review/${submitted.id}`, {
      decision: 'freigeben',
      message: 'Danke, ist online.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await page(`/kommune/musterstadt/wegweiser/${submitted.slug}`)).statusCode).toBe(200);
    expect((await queue()).some((i) => i.entryId === submitted.id)).toBe(false);
    const mail = (await outbox()).find((m) => m.subject === 'Freigegeben: Italienisch für die Reise')!;
    expect(mail).toMatchObject({ kind: 'freigabe', recipient: 'vhs@musterstadt.example' });
    expect(mail.body).toContain('Danke, ist online.');
    expect((await overview()).messages.map((m) => m.id)).toContain(mail.id);
  });

  it('a change shows its diff; the published state stays public; a rejection needs a message', async () => {
    const english = (await overview()).entries.find((e) => e.name === 'Sprachkurse Englisch für Einsteiger')!;
    const res = await provider.put(
      `${base}/provider/entries/${english.id}`,
      course('Sprachkurse Englisch für Einsteiger', { price: '95.00', languages: ['en'] }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const publicPage = await page(`/kommune/musterstadt/wegweiser/${english.slug}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('Englisch A1 in kleinen Gruppen');
    const item = (await queue()).find((i) => i.entryId === english.id)!;
    expect(item.isNew).toBe(false);
    expect(item.changes).toContainEqual({
      field: 'price',
      label: 'Preis (Euro)',
      before: '89.00',
      after: '95.00',
    });
    expect(item.changes.map((c) => c.field)).not.toContain('title');

    const noReason = await editor.post(`${base}/review/${english.id}`, { decision: 'ablehnen' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/Grund der Ablehnung/);
    const rejected = await editor.post(`${base}/review/${english.id}`, {
      decision: 'ablehnen',
      message: 'Der Preis widerspricht der Gebührenordnung.',
    });
    expect(rejected.statusCode).toBe(200);
    const after = (await overview()).entries.find((e) => e.id === english.id)!;
    expect(after).toMatchObject({
      pending: false,
      status: 'veroeffentlicht',
      reviewMessage: 'Der Preis widerspricht der Gebührenordnung.',
    });
    expect(after.details.price).toBe('89.00');
    expect((await outbox()).some((m) => m.kind === 'ablehnung' && m.body.includes('Gebührenordnung'))).toBe(
      true,
    );
  });

  it('reminders are written once per „gültig bis“; an expired offer leaves the public search', async () => {
    const run = await editor.post(`${base}/reminders`, { days: 14 });
    expect(run.statusCode, run.body).toBe(200);
    const r = run.json() as ReminderReport;
    expect(r.entries.map((e) => e.name)).toEqual(['Sprachkurse Englisch für Einsteiger']);
    expect(r.messages).toBe(1);
    const reminder = (await outbox()).find((m) => m.kind === 'erinnerung')!;
    expect(reminder.recipient).toBe('vhs@musterstadt.example');
    expect(reminder.body).toContain(
      `Sprachkurse Englisch für Einsteiger: gültig bis ${day(10).split('-').toReversed().join('.')}`,
    );
    expect(((await editor.post(`${base}/reminders`, { days: 14 })).json() as ReminderReport).messages).toBe(
      0,
    );

    // The provider lets an offer run out: once approved it is gone from the search and its page.
    const alpha = (await overview()).entries.find((e) => e.name === 'Alphabetisierung und Grundbildung')!;
    expect((await page('/kommune/musterstadt/wegweiser?q=Alphabetisierung')).body).toContain(alpha.slug);
    await provider.put(
      `${base}/provider/entries/${alpha.id}`,
      course(alpha.name, { cost: 'kostenlos', price: null, validUntil: day(-1) }),
    );
    expect((await editor.post(`${base}/review/${alpha.id}`, { decision: 'freigeben' })).statusCode).toBe(200);
    expect((await page(`/kommune/musterstadt/wegweiser/${alpha.slug}`)).statusCode).toBe(404);
    expect((await page('/kommune/musterstadt/wegweiser?q=Alphabetisierung')).body).not.toContain(alpha.slug);
    const late = (await editor.post(`${base}/reminders`, { days: 0, dryRun: true })).json() as ReminderReport;
    expect(late.entries.map((e) => e.name)).toContain('Alphabetisierung und Grundbildung');
  });
});
