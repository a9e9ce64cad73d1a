/**
 * A text block's rich text in the workbench (React elements, never HTML strings): subheadings, lists,
 * bold, italic, links and footnotes, the footnotes numbered under the block as in the outputs.
 */
import type { ReactNode } from 'react';
import type { RichDoc, RichInline, RichList } from '@dkbm/contract';
import { useReportTexts } from './texts';

export function RichText({
  doc,
  idPrefix,
  openComments,
}: {
  doc: RichDoc;
  idPrefix: string;
  /** Passages of these (open) comments are highlighted. */
  openComments?: ReadonlySet<string>;
}) {
  const x = useReportTexts();
  const notes: string[] = [];
  const inline = (nodes: RichInline[] | undefined): ReactNode[] =>
    (nodes ?? []).map((n, i) => {
      if (n.type === 'hardBreak') return <br key={i} />;
      if (n.type === 'footnote') {
        notes.push(n.attrs.text);
        const k = notes.length;
        return (
          <sup key={i} className="fnref">
            <a href={`#${idPrefix}-fn-${k}`} id={`${idPrefix}-fnref-${k}`}>
              <span className="sr-only">{x.footnote} </span>
              {k}
            </a>
          </sup>
        );
      }
      let el: ReactNode = n.text;
      if (n.marks?.some((m) => m.type === 'bold')) el = <strong>{el}</strong>;
      if (n.marks?.some((m) => m.type === 'italic')) el = <em>{el}</em>;
      const link = n.marks?.find((m) => m.type === 'link');
      if (link?.type === 'link') el = <a href={link.attrs.href}>{el}</a>;
      const comment = n.marks?.find((m) => m.type === 'comment' && openComments?.has(m.attrs.id));
      if (comment?.type === 'comment')
        el = (
          <mark className="report-passage" data-comment={comment.attrs.id} title={x.passage}>
            {el}
          </mark>
        );
      return <span key={i}>{el}</span>;
    });
  const list = (l: RichList, key: number): ReactNode => {
    const items = l.content.map((item, i) => (
      <li key={i}>{item.content.map((c, j) => (c.type === 'paragraph' ? inline(c.content) : list(c, j)))}</li>
    ));
    return l.type === 'orderedList' ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
  };
  const body = doc.content.map((b, i) =>
    b.type === 'paragraph' ? (
      <p key={i}>{inline(b.content)}</p>
    ) : b.type === 'heading' ? (
      <h3 key={i}>{inline(b.content)}</h3>
    ) : (
      list(b, i)
    ),
  );
  return (
    <div className="rich-text">
      {body}
      {notes.length ? (
        <ol className="report-footnotes" aria-label={x.footnotes}>
          {notes.map((t, i) => (
            <li key={i} id={`${idPrefix}-fn-${i + 1}`}>
              {t}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
