import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyChapter, ReportDetail, ReportPerson, ReportRevision, ReportSummary } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  createUserViaApi,
  expectApiError,
  signInFresh,
  tenantIdBySlug,
  userIdByEmail,
  type AddressedClient,
} from '../../test/fixtures';

/*
 * Chapter authors and reviewers over HTTP: the Redaktion names people of the tenant; a chapter with
 * authors is changed only by them and the Redaktion (403 for other „Mitwirkende“, 404 for another
 * tenant's chapter); the review status goes in Arbeit → zur Prüfung → geprüft with who/when in the
 * chapter's history; „Meine Kapitel“ lists what a person writes or reviews.
 */

describe(`chapter authors and review on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let editor: AddressedClient;
  let contributor: AddressedClient;
  let contributorId: string;
  let other: AddressedClient;
  let otherId: string;
  let viewerId: string;
  let report: ReportDetail;
  let chapter: string;
  let block: string;
  const api = (p = '', tenant = M) => `/api/tenants/${tenant}/reports${p}`;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    const admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    contributor = await signInFresh(t, DEMO.contributor.email, DEMO.contributor.password);
    contributorId = await userIdByEmail(t, DEMO.contributor.email);
    viewerId = await userIdByEmail(t, DEMO.viewer.email);
    const second = await createUserViaApi(admin, M, 'contributor', { displayName: 'Zweite Mitwirkende' });
    other = await signInFresh(t, second.email, second.password);
    otherId = second.id;
    report = (
      await editor.post(api(), { title: 'Bericht im Team', period: '2026', template: 'empty' })
    ).json();
    report = (await editor.post(api(`/${report.id}/chapters`), { title: 'Weiterbildung' })).json();
    chapter = report.chapters[0]!.id;
    report = (
      await editor.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'text',
        text: 'Erster Text.',
      })
    ).json();
    block = report.chapters[0]!.blocks[0]!.id;
  });
  afterAll(async () => t?.close());

  it('a draft stays hidden from „Mitwirkende“ until they write or review one of its chapters', async () => {
    expectApiError(await contributor.get(api(`/${report.id}`)), 404, 'not_found');
    const list: ReportSummary[] = (await contributor.get(api())).json();
    expect(list.map((r) => r.id)).not.toContain(report.id);
    expectApiError(
      await contributor.post(api(`/${report.id}/chapters/${chapter}/blocks`), { kind: 'text', text: 'x' }),
      404,
      'not_found',
    );
    expectApiError(
      await contributor.post(api(`/${report.id}/chapters/${chapter}/review`), { reviewStatus: 'in_review' }),
      404,
      'not_found',
    );
  });

  it('the Redaktion names authors and a reviewer from the people of the tenant', async () => {
    const people: ReportPerson[] = (await editor.get(api('/people'))).json();
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([contributorId, otherId]));
    expect(people.map((p) => p.id)).not.toContain(viewerId);
    expectApiError(await contributor.get(api('/people')), 403, 'forbidden');

    const res = await editor.put(api(`/${report.id}/chapters/${chapter}/team`), {
      authorIds: [contributorId],
      reviewerId: otherId,
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = (res.json() as ReportDetail).chapters[0]!;
    expect(c.authors.map((a) => a.id)).toEqual([contributorId]);
    expect(c.reviewer?.id).toBe(otherId);
    expect(c.reviewStatus).toBe('in_progress');
    // A viewer cannot write or review (400); a contributor may not assign (403).
    const bad = expectApiError(
      await editor.put(api(`/${report.id}/chapters/${chapter}/team`), {
        authorIds: [viewerId],
        reviewerId: null,
      }),
      400,
      'bad_request',
    );
    expect(bad.message).toContain('Lesezugriff');
    expectApiError(
      await contributor.put(api(`/${report.id}/chapters/${chapter}/team`), {
        authorIds: [contributorId],
        reviewerId: null,
      }),
      403,
      'forbidden',
    );
  });

  it('only the authors and the Redaktion change the blocks of a chapter with authors', async () => {
    // The author (a „Mitwirkende“) now sees the draft and writes in her chapter.
    expect((await contributor.get(api(`/${report.id}`))).statusCode).toBe(200);
    const added = await contributor.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
      kind: 'text',
      text: 'Text der Autorin.',
    });
    expect(added.statusCode, added.body).toBe(200);
    const changed = await contributor.patch(api(`/${report.id}/blocks/${block}`), { text: 'Geändert.' });
    expect(changed.statusCode, changed.body).toBe(200);
    // The reviewer (another „Mitwirkende“) reads it but may not change the blocks.
    expect((await other.get(api(`/${report.id}`))).statusCode).toBe(200);
    expectApiError(
      await other.patch(api(`/${report.id}/blocks/${block}`), { text: 'Nein.' }),
      403,
      'forbidden',
    );
    expectApiError(
      await other.post(api(`/${report.id}/chapters/${chapter}/blocks`), { kind: 'text', text: 'Nein.' }),
      403,
      'forbidden',
    );
    expectApiError(await other.delete(api(`/${report.id}/blocks/${block}`)), 403, 'forbidden');
    // The Redaktion always may.
    expect(
      (await editor.patch(api(`/${report.id}/blocks/${block}`), { text: 'Redaktion.' })).statusCode,
    ).toBe(200);
  });

  it('review status: author → zur Prüfung, reviewer → geprüft, with who and when in the history', async () => {
    const path = api(`/${report.id}/chapters/${chapter}/review`);
    // The reviewer cannot mark a chapter reviewed that is not in review (409), nor submit it (403).
    expectApiError(await other.post(path, { reviewStatus: 'reviewed' }), 409, 'conflict');
    expectApiError(await other.post(path, { reviewStatus: 'in_review' }), 403, 'forbidden');
    const submitted = await contributor.post(path, { reviewStatus: 'in_review' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((submitted.json() as ReportDetail).chapters[0]!.reviewStatus).toBe('in_review');
    // Only the reviewer (or the Redaktion) marks it reviewed.
    expectApiError(await contributor.post(path, { reviewStatus: 'reviewed' }), 403, 'forbidden');
    const reviewed = await other.post(path, { reviewStatus: 'reviewed' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect((reviewed.json() as ReportDetail).chapters[0]!.reviewStatus).toBe('reviewed');

    const history: ReportRevision[] = (
      await editor.get(api(`/${report.id}/chapters/${chapter}/history`))
    ).json();
    const review = history.filter((h) => h.action === 'review');
    expect(review.map((h) => [h.before, h.after, h.author])).toEqual([
      ['zur Prüfung', 'geprüft', 'Zweite Mitwirkende'],
      ['in Arbeit', 'zur Prüfung', expect.any(String)],
    ]);
    expect(review.every((h) => h.blockId === null && !!h.createdAt)).toBe(true);
    const assigned = history.find((h) => h.action === 'assigned')!;
    expect(assigned.after).toContain('Zweite Mitwirkende');
  });

  it('„Meine Kapitel“ lists the chapters a person writes or reviews', async () => {
    const mine: MyChapter[] = (await contributor.get(api('/my-chapters'))).json();
    expect(mine.find((c) => c.chapterId === chapter)).toMatchObject({
      reportId: report.id,
      chapterTitle: 'Weiterbildung',
      author: true,
      reviewer: false,
      reviewStatus: 'reviewed',
    });
    const theirs: MyChapter[] = (await other.get(api('/my-chapters'))).json();
    expect(theirs.find((c) => c.chapterId === chapter)).toMatchObject({ author: false, reviewer: true });
    expect((await editor.get(api('/my-chapters'))).json()).toEqual([]);
  });

  it("another tenant's chapter and person are 404, never 403", async () => {
    const admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    let foreign: ReportDetail = (
      await admin.post(api('', B), { title: 'Kreisbericht', period: '2026', template: 'empty' })
    ).json();
    foreign = (await admin.post(api(`/${foreign.id}/chapters`, B), { title: 'Kreis' })).json();
    const fc = foreign.chapters[0]!.id;
    const stranger = await createUserViaApi(admin, B, 'editor');
    // Under musterstadt's id: the foreign chapter does not exist — for the Redaktion and for a contributor.
    for (const who of [editor, contributor]) {
      expectApiError(
        await who.post(api(`/${foreign.id}/chapters/${fc}/blocks`), { kind: 'text', text: 'x' }),
        404,
        'not_found',
      );
      expectApiError(
        await who.post(api(`/${report.id}/chapters/${fc}/review`), { reviewStatus: 'in_review' }),
        404,
        'not_found',
      );
    }
    expectApiError(
      await editor.put(api(`/${report.id}/chapters/${fc}/team`), { authorIds: [], reviewerId: null }),
      404,
      'not_found',
    );
    // A person of another tenant cannot be named.
    expectApiError(
      await editor.put(api(`/${report.id}/chapters/${chapter}/team`), {
        authorIds: [stranger.id],
        reviewerId: null,
      }),
      404,
      'not_found',
    );
  });
});
