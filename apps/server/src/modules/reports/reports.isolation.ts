import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId/reports';
const formats = ['html', 'pdf', 'docx'] as const;
/** The smallest PNG (1×1 pixel). */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A draft report with one chapter, a text block and a comment. */
async function fixtures(f: FixtureContext) {
  const title = f.label === 'foreign' ? 'Fremder Geheimbericht' : 'Eigener Testbericht';
  const text = f.label === 'foreign' ? 'Vertraulicher Entwurfstext der Fremdstadt' : 'Eigener Entwurfstext';
  const [report] = await f.query<{ id: string }>(
    `INSERT INTO reports (tenant_id, title, period, status, created_by) VALUES ($1, $2, '2025', 'draft', $3) RETURNING id`,
    [f.tenantId, title, f.people.admin],
  );
  const [chapter] = await f.query<{ id: string }>(
    `INSERT INTO report_chapters (tenant_id, report_id, position, title) VALUES ($1, $2, 1, 'Rahmenbedingungen') RETURNING id`,
    [f.tenantId, report!.id],
  );
  const [block] = await f.query<{ id: string }>(
    `INSERT INTO report_blocks (tenant_id, report_id, chapter_id, position, kind, text)
     VALUES ($1, $2, $3, 1, 'text', $4) RETURNING id`,
    [f.tenantId, report!.id, chapter!.id, text],
  );
  const [comment] = await f.query<{ id: string }>(
    `INSERT INTO report_comments (tenant_id, report_id, chapter_id, block_id, body, author_id)
     VALUES ($1, $2, $3, $4, 'Bitte prüfen', $5) RETURNING id`,
    [f.tenantId, report!.id, chapter!.id, block!.id, f.people.admin],
  );
  await f.query(
    `INSERT INTO report_revisions (tenant_id, report_id, chapter_id, block_id, action, kind, after, user_id)
     VALUES ($1, $2, $3, $4, 'created', 'text', $5, $6)`,
    [f.tenantId, report!.id, chapter!.id, block!.id, text, f.people.admin],
  );
  // An uploaded image (a 1×1 PNG) in one part.
  const [image] = await f.query<{ id: string }>(
    `INSERT INTO report_images (tenant_id, report_id, mime, size, width, height)
     VALUES ($1, $2, 'image/png', $3, 1, 1) RETURNING id`,
    [f.tenantId, report!.id, PNG_1X1.length],
  );
  await f.query(`INSERT INTO report_image_parts (tenant_id, image_id, seq, content) VALUES ($1, $2, 0, $3)`, [
    f.tenantId,
    image!.id,
    PNG_1X1.toString('base64'),
  ]);
  // Shown by an image block, so the report's readers see the image's id (and the leak check can find it).
  await f.query(
    `INSERT INTO report_blocks (tenant_id, report_id, chapter_id, position, kind, ref_id, text, caption)
     VALUES ($1, $2, $3, 2, 'image', $4, 'Alternativtext', 'Bild')`,
    [f.tenantId, report!.id, chapter!.id, image!.id],
  );
  return {
    ids: {
      report: report!.id,
      chapter: chapter!.id,
      block: block!.id,
      comment: comment!.id,
      reportImage: image!.id,
    },
    secrets: [report!.id, chapter!.id, block!.id, image!.id, title, text],
  };
}

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}`]: {},
    [`POST ${base}`]: {
      body: (ids) => ({
        title: 'Bericht',
        period: '2026',
        template: 'previous',
        previousReportId: ids.report,
      }),
    },
    [`GET ${base}/:reportId`]: {},
    [`PATCH ${base}/:reportId`]: { body: () => ({ summary: 'Kurzfassung' }) },
    [`POST ${base}/:reportId/status`]: { body: () => ({ status: 'review' }) },
    [`POST ${base}/:reportId/chapters`]: { body: () => ({ title: 'Weiterbildung' }) },
    [`PATCH ${base}/:reportId/chapters/:chapterId`]: { body: () => ({ title: 'Neu' }) },
    [`DELETE ${base}/:reportId/chapters/:chapterId`]: {},
    [`GET ${base}/:reportId/chapters/:chapterId/history`]: {},
    [`GET ${base}/people`]: {},
    [`GET ${base}/my-chapters`]: {},
    [`PUT ${base}/:reportId/chapters/:chapterId/team`]: {
      body: (ids) => ({ authorIds: [ids.user], reviewerId: ids.user }),
    },
    [`POST ${base}/:reportId/chapters/:chapterId/review`]: { body: () => ({ reviewStatus: 'in_review' }) },
    [`POST ${base}/:reportId/chapters/:chapterId/blocks`]: {
      body: (ids) => ({ kind: 'chart', indicatorId: ids.indicator, view: 'areas' }),
    },
    [`PATCH ${base}/:reportId/blocks/:blockId`]: { body: () => ({ text: 'Neuer Text' }) },
    [`POST ${base}/:reportId/blocks/:blockId/refresh`]: {},
    [`POST ${base}/:reportId/blocks/:blockId/move`]: { body: () => ({ direction: 'down' }) },
    [`DELETE ${base}/:reportId/blocks/:blockId`]: {},
    [`GET ${base}/:reportId/blocks/:blockId/chart.svg`]: {},
    [`POST ${base}/:reportId/comments`]: {
      body: (ids) => ({ chapterId: ids.chapter, blockId: ids.block, body: 'Anmerkung' }),
    },
    [`POST ${base}/:reportId/comments/:commentId/resolve`]: {},
    [`POST ${base}/:reportId/images`]: {},
    [`GET ${base}/:reportId/images/:reportImageId`]: {},
    ...Object.fromEntries(formats.map((f) => [`GET ${base}/:reportId/export.${f}`, {}])),
  },
  fixtureKinds: ['report', 'chapter', 'block', 'comment', 'reportImage'],
  fixtures,
};
