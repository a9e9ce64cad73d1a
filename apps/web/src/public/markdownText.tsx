import { Fragment, type ReactNode } from 'react';

/*
 * The little Markdown of catalogue texts (indicator definitions): line breaks, `code` and **bold**.
 * Rendered as React elements, so every character of the text is escaped — no HTML from the text ever
 * reaches the page.
 */

const INLINE = /(`[^`\n]+`|\*\*[^*\n]+\*\*)/;

function inline(line: string): ReactNode[] {
  return line.split(INLINE).map((part, i) => {
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`'))
      return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.length > 4 && part.startsWith('**') && part.endsWith('**'))
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

/** A catalogue text with its lines and inline marks. */
export function MarkdownText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\r?\n/).map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {inline(line)}
        </Fragment>
      ))}
    </>
  );
}

/** The same text without marks, on one line (meta description, Open Graph). */
export function plainText(text: string): string {
  return text
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
