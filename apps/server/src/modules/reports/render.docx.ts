import type { ImageFile } from './images.service';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { textToRich, type Block, type ReportDetail } from '@dkbm/contract';
import { richDocx, type DocxRichState } from './render.rich';
import {
  blockCaption,
  chartAlt,
  chartSvg,
  dataTable,
  deDate,
  goalMeta,
  findingSource,
  findingTable,
  goalTable,
  keyFigure,
  mapAlt,
  mapHeight,
  mapSvg,
  numbering,
  RECOMMENDATION_STATUS_DE,
  type BlockNumbers,
  periodLabel,
  sourceLine,
  svgToPng,
  typography,
} from './render.common';

/* The report as a Word document the Bildungsbüro can still edit: real headings, tables, charts as images. */

const cell = (text: string, opts: { header?: boolean; right?: boolean } = {}) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: !!opts.header })],
      }),
    ],
  });

function docxTable(b: Block): Table {
  const t = dataTable(b.data!);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell('Gebiet', { header: true }),
          ...t.periods.map((p) => cell(periodLabel(p), { header: true, right: true })),
        ],
      }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            children: [cell(r.areaName, { header: true }), ...r.values.map((v) => cell(v, { right: true }))],
          }),
      ),
    ],
  });
}

const captionOf = (b: Block) => blockCaption(b.caption, b.data!);

function rowsTable(rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: r.map((v, j) => cell(v, { header: i === 0 || j === 0 })),
        }),
    ),
  });
}

function steeringParts(b: Block, num: BlockNumbers | undefined): Array<Paragraph | Table> {
  const ref = b.ref;
  if (!ref) return [new Paragraph({ text: 'Für diesen Baustein liegen keine Daten vor.' })];
  if (ref.kind === 'recommendation') {
    const meta = [
      ref.addressedUnit ? `Adressiert an: ${ref.addressedUnit}` : null,
      `Stand: ${RECOMMENDATION_STATUS_DE[ref.status] ?? ref.status}`,
    ].filter(Boolean);
    return [
      new Paragraph({
        text: `Handlungsempfehlung ${num?.recommendation ?? ''}: ${typography(ref.title)}`,
        heading: HeadingLevel.HEADING_2,
      }),
      new Paragraph({ text: typography(ref.text) }),
      ...(ref.rationale
        ? [
            new Paragraph({
              children: [
                new TextRun({ text: 'Begründung: ', bold: true }),
                new TextRun(typography(ref.rationale)),
              ],
            }),
          ]
        : []),
      new Paragraph({ children: [new TextRun({ text: typography(meta.join(' · ')), size: 18 })] }),
    ];
  }
  if (ref.kind === 'finding')
    return [
      new Paragraph({ text: `Befund: ${typography(ref.statement)}`, heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: `Tabelle ${num?.table ?? ''}: Werte zum Befund`, style: 'Caption' }),
      rowsTable(findingTable(ref)),
      new Paragraph({ children: [new TextRun({ text: findingSource(ref), size: 16 })] }),
    ];
  const out: Array<Paragraph | Table> = [
    new Paragraph({ text: `Ziel: ${typography(ref.title)}`, heading: HeadingLevel.HEADING_2 }),
  ];
  if (ref.description) out.push(new Paragraph({ text: typography(ref.description) }));
  out.push(new Paragraph({ children: [new TextRun({ text: typography(goalMeta(ref)), size: 18 })] }));
  if (ref.targets.length)
    out.push(
      new Paragraph({
        text: `Tabelle ${num?.table ?? ''}: Zielwerte zum Ziel „${typography(ref.title)}“`,
        style: 'Caption',
      }),
      rowsTable(goalTable(ref)),
    );
  return out;
}

function keyFigureParts(b: Block): Paragraph[] {
  const k = keyFigure(b.data!, b.areaCode);
  if (!k) return [new Paragraph({ text: 'Für diesen Baustein liegen keine Daten vor.' })];
  const label = b.caption?.trim() || b.data!.indicatorName;
  return [
    new Paragraph({
      children: [
        new TextRun({ text: k.value, bold: true, size: 48 }),
        ...(k.unit ? [new TextRun({ text: ` ${k.unit}`, size: 24 })] : []),
      ],
    }),
    new Paragraph({ text: `${typography(label)} – ${k.areaName}, ${k.period}`, style: 'Caption' }),
    ...(k.trend ? [new Paragraph({ text: k.trend.text })] : []),
    new Paragraph({ children: [new TextRun({ text: sourceLine(b.data!), size: 16 })] }),
  ];
}

/** An image block: the image with its alt text (Word's „Alternativtext“) and the numbered caption. */
function imageParts(
  b: Block,
  num: BlockNumbers | undefined,
  images: ReadonlyMap<string, ImageFile> | undefined,
): Paragraph[] {
  const img = b.imageId ? images?.get(b.imageId) : undefined;
  if (!img) return [new Paragraph({ text: 'Das Bild dieses Bausteins fehlt.' })];
  const cap = typography(b.caption ?? '');
  // At most 560 px wide (the text width), never enlarged.
  const width = Math.min(560, img.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: img.mime === 'image/png' ? 'png' : 'jpg',
          data: img.bytes,
          transformation: { width, height: Math.round((width / img.width) * img.height) },
          altText: { name: `Abbildung ${num?.figure}`, title: cap, description: b.text ?? '' },
        }),
      ],
    }),
    new Paragraph({ text: `Abbildung ${num?.figure}: ${cap}`, style: 'Caption' }),
  ];
}

function blockParts(
  b: Block,
  num: BlockNumbers | undefined,
  rich: DocxRichState,
  images?: ReadonlyMap<string, ImageFile>,
): Array<Paragraph | Table> {
  if (b.kind === 'goal' || b.kind === 'recommendation' || b.kind === 'finding') return steeringParts(b, num);
  if (b.kind === 'text') return richDocx(b.doc ?? textToRich(b.text ?? ''), rich);
  if (b.kind === 'infobox') {
    // An info box as a shaded one-cell table: Word keeps it together and it stays editable.
    const title = b.caption
      ? [new Paragraph({ children: [new TextRun({ text: typography(b.caption), bold: true })] })]
      : [];
    return [
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            children: [
              new TableCell({
                shading: { type: ShadingType.CLEAR, fill: 'FDF6EC', color: 'auto' },
                margins: { top: 120, bottom: 120, left: 160, right: 160 },
                children: [...title, ...richDocx(b.doc ?? textToRich(b.text ?? ''), rich)],
              }),
            ],
          }),
        ],
      }),
      new Paragraph({ text: '' }),
    ];
  }
  if (b.kind === 'image') return imageParts(b, num, images);
  if (!b.data) return [new Paragraph({ text: 'Für diesen Baustein liegen keine Daten vor.' })];
  if (b.kind === 'keyfigure') return keyFigureParts(b);
  const cap = captionOf(b);
  const out: Array<Paragraph | Table> = [];
  if (b.kind === 'map' && b.data.map) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: svgToPng(mapSvg(b.data, b.id)),
            transformation: {
              width: 560,
              height: Math.round((560 / b.data.map.width) * mapHeight(b.data)),
            },
            altText: { name: `Abbildung ${num?.figure}`, title: cap, description: mapAlt(b.data) },
          }),
        ],
      }),
      new Paragraph({ text: `Abbildung ${num?.figure}: ${cap}`, style: 'Caption' }),
    );
  }
  if (b.kind === 'chart') {
    const view = b.view ?? 'areas';
    const svg = chartSvg(b.data, view);
    const h = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 380);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: svgToPng(svg),
            transformation: { width: 560, height: Math.round((560 / 640) * h) },
            altText: { name: `Abbildung ${num?.figure}`, title: cap, description: chartAlt(b.data, view) },
          }),
        ],
      }),
      new Paragraph({ text: `Abbildung ${num?.figure}: ${cap}`, style: 'Caption' }),
    );
  }
  out.push(
    new Paragraph({
      text:
        b.kind === 'chart' || b.kind === 'map'
          ? `Tabelle ${num?.table}: Werte zu Abbildung ${num?.figure}`
          : `Tabelle ${num?.table}: ${cap}`,
      style: 'Caption',
    }),
    docxTable(b),
    new Paragraph({ children: [new TextRun({ text: sourceLine(b.data), size: 16 })] }),
  );
  return out;
}

export async function reportDocx(
  report: ReportDetail,
  tenantName: string,
  images?: ReadonlyMap<string, ImageFile>,
): Promise<Buffer> {
  const nums = numbering(report);
  const rich: DocxRichState = { footnotes: {}, lists: 0 };
  const title = typography(report.title);
  const children: Array<Paragraph | Table | TableOfContents> = [
    new Paragraph({ text: tenantName }),
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `Berichtszeitraum ${report.period}` }),
  ];
  if (report.dataCutoff)
    children.push(new Paragraph({ text: `Redaktionsschluss ${deDate(report.dataCutoff)}` }));
  if (report.authors) children.push(new Paragraph({ text: `Autorinnen und Autoren: ${report.authors}` }));
  if (report.summary) children.push(new Paragraph({ text: typography(report.summary) }));
  children.push(
    new Paragraph({ children: [new PageBreak()] }),
    new TableOfContents('Inhalt', { hyperlink: true, headingStyleRange: '1-2' }),
  );
  report.chapters.forEach((c, i) => {
    children.push(
      new Paragraph({
        text: `${i + 1} ${typography(c.title)}`,
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
      }),
    );
    for (const b of c.blocks) children.push(...blockParts(b, nums.get(b.id), rich, images));
  });
  const doc = new Document({
    title: `${title} – ${tenantName}`,
    creator: report.authors ?? tenantName,
    description: report.summary ?? 'Bildungsbericht',
    features: { updateFields: true },
    footnotes: rich.footnotes,
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [0, 1].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: level ? '–' : '•',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
        {
          reference: 'numbers',
          levels: [0, 1].map((level) => ({
            level,
            format: level ? LevelFormat.LOWER_LETTER : LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    styles: {
      default: { document: { run: { language: { value: 'de-DE' }, font: 'Arial', size: 21 } } },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
