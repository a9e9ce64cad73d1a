import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDetail, RichInline } from '@dkbm/contract';
import { richInlines } from '@dkbm/contract';
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
 * Comments on passages over HTTP: a chapter's author and reviewer („Mitwirkende“) comment on a marked
 * passage of a text block — the passage gets a mark with the comment's id, the comment keeps the quote —
 * and resolve it; a contributor without a part in the chapter is 403, a draft they have no part in 404;
 * the outputs never show the mark.
 */

describe(`comments on passages on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let editor: AddressedClient;
  let author: AddressedClient;
  let reviewer: AddressedClient;
  let outsider: AddressedClient;
  let report: ReportDetail;
  let chapter: string;
  let second: string;
  let block: string;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const TEXT = 'Die Betreuungsquote steigt seit 2019 deutlich, in der Altstadt aber kaum.';
  const docOf = (r: ReportDetail) => r.chapters[0]!.blocks.find((b) => b.id === block)!.doc!;
  const anchored = (r: ReportDetail, id: string): RichInline[] =>
    richInlines(docOf(r)).filter(
      (n) => n.type === 'text' && n.marks?.some((m) => m.type === 'comment' && m.attrs.id === id),
    );

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    const admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    author = await signInFresh(t, DEMO.contributor.email, DEMO.contributor.password);
    const authorId = await userIdByEmail(t, DEMO.contributor.email);
    const rev = await createUserViaApi(admin, M, 'contributor', { displayName: 'Prüfende Person' });
    reviewer = await signInFresh(t, rev.email, rev.password);
    const out = await createUserViaApi(admin, M, 'contributor', { displayName: 'Andere Mitwirkende' });
    outsider = await signInFresh(t, out.email, out.password);
    report = (
      await editor.post(api(), { title: 'Bericht mit Anmerkungen', period: '2026', template: 'empty' })
    ).json();
    report = (await editor.post(api(`/${report.id}/chapters`), { title: 'Frühe Bildung' })).json();
    report = (await editor.post(api(`/${report.id}/chapters`), { title: 'Schule' })).json();
    chapter = report.chapters[0]!.id;
    second = report.chapters[1]!.id;
    report = (
      await editor.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'text',
        doc: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Die Betreuungsquote steigt seit 2019 ' },
                { type: 'text', text: 'deutlich', marks: [{ type: 'bold' }] },
                { type: 'text', text: ', in der Altstadt aber kaum.' },
              ],
            },
          ],
        },
      })
    ).json();
    block = report.chapters[0]!.blocks[0]!.id;
    const team = await editor.put(api(`/${report.id}/chapters/${chapter}/team`), {
      authorIds: [authorId],
      reviewerId: rev.id,
    });
    expect(team.statusCode, team.body).toBe(200);
    // The outsider writes another chapter: the draft exists for her, this chapter is not hers.
    await editor.put(api(`/${report.id}/chapters/${second}/team`), { authorIds: [out.id], reviewerId: null });
  });
  afterAll(async () => t?.close());

  it('the reviewer comments on a passage across bold text: it is marked with the comment’s id', async () => {
    const res = await reviewer.post(api(`/${report.id}/comments`), {
      chapterId: chapter,
      blockId: block,
      quote: 'steigt seit 2019 deutlich',
      body: 'Bitte die Quelle für 2019 nennen.',
    });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    const c = report.comments.find((x) => x.body === 'Bitte die Quelle für 2019 nennen.')!;
    expect(c).toMatchObject({
      blockId: block,
      quote: 'steigt seit 2019 deutlich',
      author: 'Prüfende Person',
    });
    const marked = anchored(report, c.id);
    expect(marked.map((n) => (n.type === 'text' ? n.text : '')).join('')).toBe('steigt seit 2019 deutlich');
    // The bold part keeps its bold mark; the text itself is unchanged.
    expect(marked.at(-1)).toMatchObject({ text: 'deutlich', marks: [{ type: 'bold' }, { type: 'comment' }] });
    expect(report.chapters[0]!.blocks[0]!.text).toBe(TEXT);
  });

  it('the author comments too; a passage not in the block is 400, a contributor of another chapter 403', async () => {
    const res = await author.post(api(`/${report.id}/comments`), {
      chapterId: chapter,
      blockId: block,
      quote: 'Altstadt',
      body: 'Zahl für die Altstadt ergänzen.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = (res.json() as ReportDetail).comments.find((x) => x.quote === 'Altstadt')!;
    expect(anchored(res.json(), c.id)).toHaveLength(1);
    expectApiError(
      await author.post(api(`/${report.id}/comments`), {
        chapterId: chapter,
        blockId: block,
        quote: 'steht nirgends',
        body: 'x',
      }),
      400,
      'bad_request',
    );
    expectApiError(
      await outsider.post(api(`/${report.id}/comments`), { chapterId: chapter, blockId: block, body: 'x' }),
      403,
      'forbidden',
    );
    expectApiError(await outsider.post(api(`/${report.id}/comments/${c.id}/resolve`)), 403, 'forbidden');
  });

  it('a contributor without any part in the draft gets 404', async () => {
    const r2: ReportDetail = (
      await editor.post(api(), { title: 'Fremder Entwurf', period: '2026', template: 'empty' })
    ).json();
    const withChapter: ReportDetail = (await editor.post(api(`/${r2.id}/chapters`), { title: 'A' })).json();
    expectApiError(
      await reviewer.post(api(`/${r2.id}/comments`), { chapterId: withChapter.chapters[0]!.id, body: 'x' }),
      404,
      'not_found',
    );
  });

  it('the reviewer resolves the comment; the outputs never show the mark', async () => {
    const c = report.comments.find((x) => x.quote === 'steigt seit 2019 deutlich')!;
    const res = await reviewer.post(api(`/${report.id}/comments/${c.id}/resolve`));
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ReportDetail).comments.find((x) => x.id === c.id)!.resolvedAt).not.toBeNull();
    const html = (await editor.get(api(`/${report.id}/export.html`))).body;
    expect(html).toContain('<strong>deutlich</strong>');
    expect(html).not.toContain(c.id);
    expect(html).not.toContain('Bitte die Quelle');
  });
});
