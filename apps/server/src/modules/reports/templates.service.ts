import type { BlockCreate, ReportCreate, ReportDetail } from '@dkbm/contract';
import { HttpError } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { insertChapter, insertReport } from './reports.repo';
import { addBlock, getReport } from './reports.service';

/*
 * Other formats from the same blocks (ADR 0012): a Themenbericht (thematic report), a Sozialraumprofil
 * (short profile of one area) and a Datenblatt (data sheet), each built for chosen indicators. Every data
 * block is an ordinary block (public, disclosure-controlled snapshot; refresh and freezing as always).
 */

interface Plan {
  title: string;
  blocks: (indicatorId: string) => BlockCreate[];
  /** Blocks that need what an indicator may lack (an area's value, boundaries) are left out then. */
  optional?: boolean;
}

function plans(body: ReportCreate): Plan[] {
  const chart = (indicatorId: string): BlockCreate => ({ kind: 'chart', indicatorId, view: 'series' });
  if (body.template === 'topic')
    return [
      { title: 'Einleitung', blocks: () => [] },
      { title: 'Befunde', blocks: (id) => [chart(id)] },
      { title: 'Handlungsempfehlungen', blocks: () => [] },
    ];
  if (body.template === 'area_profile')
    return [
      {
        title: 'Kennzahlen',
        blocks: (id) => [{ kind: 'keyfigure', indicatorId: id, areaCode: body.areaCode! }],
        optional: true,
      },
      { title: 'Entwicklung', blocks: (id) => [chart(id)] },
      {
        title: 'Lage im Vergleich der Gebiete',
        blocks: (id) => [{ kind: 'map', indicatorId: id }],
        optional: true,
      },
    ];
  return [
    {
      title: 'Daten',
      blocks: (id) => [
        { kind: 'keyfigure', indicatorId: id },
        { kind: 'table', indicatorId: id, view: 'series' },
      ],
    },
  ];
}

/** Creates a Themenbericht, Sozialraumprofil or Datenblatt with its chapters and data blocks (all or nothing). */
export async function createFromIndicators(
  s: TenantScope,
  body: ReportCreate,
  userId: string | null,
): Promise<ReportDetail> {
  const indicatorIds = [...new Set(body.indicatorIds ?? [])];
  const id = await s.transaction(async (t) => {
    const reportId = await insertReport(t, {
      title: body.title,
      period: body.period,
      dataCutoff: body.dataCutoff ?? null,
      authors: body.authors ?? null,
      summary: null,
      status: 'draft',
      createdBy: userId,
    });
    let areaValues = 0;
    for (const [i, plan] of plans(body).entries()) {
      const chapterId = await insertChapter(t, {
        reportId,
        position: i + 1,
        title: plan.title,
        updatedBy: userId,
      });
      for (const indicatorId of indicatorIds)
        for (const block of plan.blocks(indicatorId)) {
          try {
            await addBlock(t, reportId, chapterId, block, userId);
            if (block.kind === 'keyfigure' && block.areaCode) areaValues++;
          } catch (e) {
            // An area without a value, an indicator without boundaries: that block is left out.
            if (!(plan.optional && e instanceof HttpError && e.statusCode === 400)) throw e;
          }
        }
    }
    if (body.template === 'area_profile' && !areaValues)
      throw new HttpError(
        400,
        'bad_request',
        'Für dieses Gebiet haben die gewählten Indikatoren keine Werte.',
        {
          field: 'areaCode',
        },
      );
    return reportId;
  });
  return getReport(s, id, 'editor');
}
