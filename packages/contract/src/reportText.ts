import { z } from 'zod';

/**
 * The rich text of a report's text block: a ProseMirror document (the JSON of the Tiptap editor)
 * restricted to what the outputs can render — paragraphs, subheadings, bullet and numbered lists (one
 * level of nesting), bold and italic, links (http, https, mailto only) and footnotes (an inline node whose
 * attribute is the note's text). Parsing strips every attribute the outputs do not know (sanitizing), and
 * unknown node types or link targets are refused.
 */

const safeHref = z
  .string()
  .trim()
  .max(2000)
  .refine((h) => /^(https?:\/\/|mailto:)/i.test(h), {
    message: 'Links müssen mit https://, http:// oder mailto: beginnen.',
  });

const markSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('link'), attrs: z.object({ href: safeHref }) }),
  /** A passage a comment is anchored to (the comment's id); the workbench highlights it, outputs ignore it. */
  z.object({ type: z.literal('comment'), attrs: z.object({ id: z.uuid() }) }),
]);
export type RichMark = z.infer<typeof markSchema>;

const inlineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string().min(1).max(20000),
    marks: z.array(markSchema).max(12).optional(),
  }),
  z.object({ type: z.literal('hardBreak') }),
  z.object({
    type: z.literal('footnote'),
    attrs: z.object({ text: z.string().trim().min(1, 'Bitte den Text der Fußnote angeben.').max(2000) }),
  }),
]);
export type RichInline = z.infer<typeof inlineSchema>;

const inlines = z.array(inlineSchema).max(2000).optional();
const paragraphSchema = z.object({ type: z.literal('paragraph'), content: inlines });
const headingSchema = z.object({
  type: z.literal('heading'),
  attrs: z.object({ level: z.literal(3) }).default({ level: 3 }),
  content: inlines,
});
const flatItem = z.object({ type: z.literal('listItem'), content: z.array(paragraphSchema).min(1).max(50) });
const flatList = z.object({
  type: z.enum(['bulletList', 'orderedList']),
  content: z.array(flatItem).min(1).max(200),
});
const listItemSchema = z.object({
  type: z.literal('listItem'),
  content: z
    .array(z.union([paragraphSchema, flatList]))
    .min(1)
    .max(50),
});
const listSchema = z.object({
  type: z.enum(['bulletList', 'orderedList']),
  content: z.array(listItemSchema).min(1).max(200),
});

export const richBlockSchema = z.union([paragraphSchema, headingSchema, listSchema]);
export type RichBlock = z.infer<typeof richBlockSchema>;
export type RichParagraph = z.infer<typeof paragraphSchema>;
export type RichList = z.infer<typeof listSchema> | z.infer<typeof flatList>;

export const richDocSchema = z
  .object({ type: z.literal('doc'), content: z.array(richBlockSchema).max(2000) })
  .describe(
    'Formatierter Text (Tiptap/ProseMirror-Dokument: Absätze, Zwischenüberschriften, Listen, Links, Fußnoten)',
  );
export type RichDoc = z.infer<typeof richDocSchema>;

/** Every inline node of a document in reading order (footnotes are numbered in this order). */
export function richInlines(doc: RichDoc): RichInline[] {
  const out: RichInline[] = [];
  const walk = (nodes: ReadonlyArray<{ type: string; content?: unknown }>) => {
    for (const n of nodes) {
      if (n.type === 'text' || n.type === 'hardBreak' || n.type === 'footnote') out.push(n as RichInline);
      else if (Array.isArray(n.content)) walk(n.content as Array<{ type: string }>);
    }
  };
  walk(doc.content);
  return out;
}

/** The footnotes of a document in reading order. */
export const richFootnotes = (doc: RichDoc): string[] =>
  richInlines(doc).flatMap((n) => (n.type === 'footnote' ? [n.attrs.text] : []));

/** True when the document has no visible text. */
export const richIsEmpty = (doc: RichDoc) =>
  !richInlines(doc).some((n) => (n.type === 'text' && n.text.trim()) || n.type === 'footnote');

const inlineText = (nodes: RichInline[] | undefined) =>
  (nodes ?? [])
    .map((n) => {
      if (n.type === 'hardBreak') return '\n';
      if (n.type === 'footnote') return ` [Fußnote: ${n.attrs.text}]`;
      const link = n.marks?.find((m) => m.type === 'link');
      return link && link.type === 'link' ? `${n.text} (${link.attrs.href})` : n.text;
    })
    .join('');

/**
 * The document as plain text in the light syntax of the first slice (blank line = paragraph, „## “ =
 * subheading, „- “ = list item): the change history diffs it, and older clients keep working.
 */
export function richToText(doc: RichDoc): string {
  const list = (l: RichList, indent: string): string =>
    l.content
      .map((item, i) =>
        item.content
          .map((c, j) =>
            c.type === 'paragraph'
              ? `${j === 0 ? `${indent}${l.type === 'orderedList' ? `${i + 1}.` : '-'} ` : `${indent}  `}${inlineText(c.content)}`
              : list(c, `${indent}  `),
          )
          .join('\n'),
      )
      .join('\n');
  return doc.content
    .map((b) =>
      b.type === 'paragraph'
        ? inlineText(b.content)
        : b.type === 'heading'
          ? `## ${inlineText(b.content)}`
          : list(b, ''),
    )
    .join('\n\n');
}

/** Plain text in the light syntax (blank line, „## “, „- “) as a document: for blocks written before. */
export function textToRich(text: string): RichDoc {
  const content: RichBlock[] = [];
  const para = (t: string): RichParagraph => ({
    type: 'paragraph',
    content: t ? [{ type: 'text', text: t }] : [],
  });
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((l) => /^[-*•] /.test(l))) {
      content.push({
        type: 'bulletList',
        content: lines.map((l) => ({ type: 'listItem', content: [para(l.slice(2).trim())] })),
      });
    } else if (lines.length === 1 && lines[0]!.startsWith('## ')) {
      content.push({
        type: 'heading',
        attrs: { level: 3 },
        content: [{ type: 'text', text: lines[0]!.slice(3).trim() }],
      });
    } else content.push(para(lines.join(' ')));
  }
  return { type: 'doc', content };
}

/**
 * Anchors a comment to a passage: the first occurrence of `quote` within one paragraph or subheading
 * (also across bold, italic or linked parts) gets a `comment` mark with the comment's id. Null when the
 * passage is not in the document.
 */
export function anchorPassage(doc: RichDoc, quote: string, id: string): RichDoc | null {
  let done = false;
  const mark = (nodes: RichInline[] | undefined): RichInline[] | undefined => {
    if (done || !nodes) return nodes;
    const text = nodes.map((n) => (n.type === 'text' ? n.text : '\u0000')).join('');
    const from = text.indexOf(quote);
    if (from < 0) return nodes;
    const to = from + quote.length;
    done = true;
    const out: RichInline[] = [];
    let at = 0;
    for (const n of nodes) {
      const len = n.type === 'text' ? n.text.length : 1;
      const start = at;
      at += len;
      if (n.type !== 'text' || at <= from || start >= to) {
        out.push(n);
        continue;
      }
      const a = Math.max(from, start) - start;
      const b = Math.min(to, at) - start;
      const piece = (t: string, anchored: boolean): RichInline => ({
        type: 'text',
        text: t,
        ...(anchored
          ? { marks: [...(n.marks ?? []), { type: 'comment' as const, attrs: { id } }] }
          : n.marks
            ? { marks: n.marks }
            : {}),
      });
      if (a > 0) out.push(piece(n.text.slice(0, a), false));
      out.push(piece(n.text.slice(a, b), true));
      if (b < n.text.length) out.push(piece(n.text.slice(b), false));
    }
    return out;
  };
  const list = (l: RichList): RichList =>
    ({
      ...l,
      content: l.content.map((item) => ({
        ...item,
        content: item.content.map((c) =>
          c.type === 'paragraph' ? { ...c, content: mark(c.content) } : list(c),
        ),
      })),
    }) as RichList;
  const content = doc.content.map((b) =>
    b.type === 'paragraph' || b.type === 'heading' ? { ...b, content: mark(b.content) } : list(b),
  ) as RichBlock[];
  return done ? { ...doc, content } : null;
}
