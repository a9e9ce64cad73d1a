import {
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { RichBlock, RichDoc, RichInline, RichList } from '@dkbm/contract';
import { esc, typography } from './render.common';

/*
 * Rich text of the text blocks in the outputs. The document was validated by the contract's restricted
 * schema (richDocSchema): every text is escaped here, link targets are http(s) or mailto only.
 */

/** A footnote as the HTML outputs collect it under its chapter. */
export interface HtmlFootnote {
  n: number;
  text: string;
}

/** The HTML of a rich document; footnotes are numbered from `counter.n` and collected into `notes`. */
export function richHtml(doc: RichDoc, counter: { n: number }, notes: HtmlFootnote[]): string {
  const inline = (nodes: RichInline[] | undefined) =>
    (nodes ?? [])
      .map((x) => {
        if (x.type === 'hardBreak') return '<br>';
        if (x.type === 'footnote') {
          const n = counter.n++;
          notes.push({ n, text: x.attrs.text });
          return `<sup class="fnref"><a href="#fn-${n}" id="fnref-${n}"><span class="visually-hidden">Fußnote </span>${n}</a></sup>`;
        }
        let html = esc(typography(x.text));
        for (const m of x.marks ?? []) {
          if (m.type === 'bold') html = `<strong>${html}</strong>`;
          if (m.type === 'italic') html = `<em>${html}</em>`;
        }
        const link = x.marks?.find((m) => m.type === 'link');
        return link?.type === 'link' ? `<a href="${esc(link.attrs.href)}">${html}</a>` : html;
      })
      .join('');
  const list = (l: RichList): string => {
    const tag = l.type === 'orderedList' ? 'ol' : 'ul';
    return `<${tag}>${l.content
      .map(
        (item) =>
          `<li>${item.content
            .map((c) => (c.type === 'paragraph' ? inline(c.content) : list(c)))
            .join('')}</li>`,
      )
      .join('')}</${tag}>`;
  };
  const block = (b: RichBlock) =>
    b.type === 'paragraph'
      ? b.content?.length
        ? `<p>${inline(b.content)}</p>`
        : ''
      : b.type === 'heading'
        ? `<h3>${inline(b.content)}</h3>`
        : list(b);
  return doc.content.map(block).join('\n');
}

/** The footnotes of a chapter, after its blocks. */
export function footnotesHtml(notes: HtmlFootnote[], chapterAnchor: string): string {
  if (!notes.length) return '';
  const id = `${chapterAnchor}-fussnoten`;
  return `<aside class="footnotes" aria-labelledby="${id}"><h3 id="${id}">Fußnoten</h3><ol>${notes
    .map(
      (f) =>
        `<li id="fn-${f.n}" value="${f.n}">${esc(typography(f.text))} <a href="#fnref-${f.n}" class="noprint"><span aria-hidden="true">↩</span><span class="visually-hidden">Zurück zum Text (Fußnote ${f.n})</span></a></li>`,
    )
    .join('')}</ol></aside>`;
}

/* ---------- DOCX ---------- */

/**
 * Filled while the text blocks are converted: Word footnotes (id → content) and the number of lists so
 * far (each numbered list restarts at 1: its own numbering instance).
 */
export interface DocxRichState {
  footnotes: Record<number, { children: Paragraph[] }>;
  lists: number;
}

/** The paragraphs of a rich document in Word: headings, lists, links, real footnotes. */
export function richDocx(doc: RichDoc, state: DocxRichState): Paragraph[] {
  const footnotes = state.footnotes;
  const runs = (nodes: RichInline[] | undefined): ParagraphChild[] =>
    (nodes ?? []).map((x) => {
      if (x.type === 'hardBreak') return new TextRun({ text: '', break: 1 });
      if (x.type === 'footnote') {
        const id = Object.keys(footnotes).length + 1;
        footnotes[id] = { children: [new Paragraph({ text: typography(x.attrs.text) })] };
        return new FootnoteReferenceRun(id);
      }
      const bold = x.marks?.some((m) => m.type === 'bold');
      const italics = x.marks?.some((m) => m.type === 'italic');
      const link = x.marks?.find((m) => m.type === 'link');
      const run = new TextRun({
        text: typography(x.text),
        bold,
        italics,
        ...(link ? { style: 'Hyperlink' } : {}),
      });
      return link?.type === 'link' ? new ExternalHyperlink({ link: link.attrs.href, children: [run] }) : run;
    });
  const list = (l: RichList, level: number): Paragraph[] => {
    const instance = ++state.lists;
    return l.content.flatMap((item) =>
      item.content.flatMap((c, j) =>
        c.type === 'paragraph'
          ? [
              new Paragraph({
                children: runs(c.content),
                ...(j === 0
                  ? {
                      numbering: {
                        reference: l.type === 'orderedList' ? 'numbers' : 'bullets',
                        level,
                        instance,
                      },
                    }
                  : { indent: { left: 720 * (level + 1) } }),
              }),
            ]
          : list(c, level + 1),
      ),
    );
  };
  return doc.content.flatMap((b) =>
    b.type === 'paragraph'
      ? [new Paragraph({ children: runs(b.content) })]
      : b.type === 'heading'
        ? [new Paragraph({ children: runs(b.content), heading: HeadingLevel.HEADING_2 })]
        : list(b, 0),
  );
}
