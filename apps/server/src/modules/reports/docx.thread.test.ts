import { describe, expect, it } from 'vitest';
import type { Block, BlockData, ReportDetail } from '@dkbm/contract';
import { unzip } from '../assessment/testing';
import { renderReport } from './outputs';
import { turnsDuring } from '@dkbm/domain/testing/eventLoop';

/*
 * The DOCX of a long report is built off the event loop (worker thread): while its charts are drawn and
 * turned into PNG, the server's event loop keeps turning — so /healthz and every other request are answered.
 * Counted in event-loop turns, not in time.
 */

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let ids = 0;
const YEARS = Array.from({ length: 10 }, (_, i) => `${2015 + i}-12-31`);
const data = (name: string): BlockData => ({
  indicatorCode: `B${ids}`,
  indicatorName: name,
  unit: 'Prozent',
  decimals: 1,
  source: 'Testdaten',
  licence: null,
  dataVersion: 1,
  selection: null,
  takenAt: '2026-12-01T00:00:00.000Z',
  cells: Array.from({ length: 12 }, (_, a) =>
    YEARS.map((period, y) => ({
      areaCode: String(a + 10),
      areaName: `Bezirk ${a + 1}`,
      period,
      value: (20 + ((a * 7 + y * 3 + ids * 11) % 50)).toFixed(1),
      flag: null,
    })),
  ).flat(),
});
const block = (chapterId: string, position: number, extra: Partial<Block>): Block => ({
  id: uuid(++ids),
  chapterId,
  position,
  kind: 'chart',
  text: null,
  doc: null,
  caption: null,
  indicatorId: null,
  view: 'series',
  data: null,
  areaCode: null,
  ref: null,
  newerData: false,
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...extra,
});

/** A long report: 8 chapters with a text, two time-series charts and a bar chart each. */
function longReport(): ReportDetail {
  const chapters = Array.from({ length: 8 }, (_, c) => {
    const id = uuid(++ids);
    return {
      id,
      position: c + 1,
      title: `Kapitel ${c + 1}`,
      updatedAt: '2026-12-01T00:00:00.000Z',
      updatedBy: null,
      authors: [],
      reviewer: null,
      reviewStatus: 'in_progress' as const,
      blocks: [
        block(id, 1, { kind: 'text', view: null, text: 'Die Quote steigt in fast allen Bezirken um 2 %.' }),
        block(id, 2, { data: data(`Quote ${c}a`) }),
        block(id, 3, { data: data(`Quote ${c}b`) }),
        block(id, 4, { view: 'areas', data: data(`Quote ${c}c`) }),
      ],
    };
  });
  return {
    id: uuid(++ids),
    title: 'Langer Bericht',
    period: '2026',
    dataCutoff: null,
    authors: null,
    summary: null,
    status: 'draft',
    publishedAt: null,
    updatedAt: '2026-12-01T00:00:00.000Z',
    chapters,
    comments: [],
  } as unknown as ReportDetail;
}

describe('DOCX of a report in a worker thread', () => {
  it('keeps the event loop turning while a long report with 24 charts is built', async () => {
    const work = renderReport(longReport(), 'Musterstadt', 'docx', {
      render: async () => Buffer.alloc(0),
    } as never);
    const turns = await turnsDuring(work);
    const files = unzip(await work);
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('Kapitel 8');
    expect([...files.keys()].filter((k) => k.startsWith('word/media/')).length).toBe(24);
    // In the server's thread the loop turned only between the zip's chunks while the charts were drawn.
    expect(turns).toBeGreaterThan(2000);
  }, 120_000);
});
