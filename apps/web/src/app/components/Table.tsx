import { useId, type ReactNode } from 'react';

/**
 * A table with a caption in a horizontally scrollable, keyboard-focusable region (for narrow screens
 * and 400 % zoom). The region takes its name from the caption.
 */
export function DataTable({
  caption,
  head,
  children,
  foot,
}: {
  caption: ReactNode;
  head: ReactNode;
  children: ReactNode;
  foot?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>{head}</thead>
        <tbody>{children}</tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  );
}

/** An e-mail address that may wrap before the @ in narrow table columns. */
export function Email({ value }: { value: string }) {
  const at = value.indexOf('@');
  if (at <= 0) return <>{value}</>;
  return (
    <>
      {value.slice(0, at)}
      <wbr />
      {value.slice(at)}
    </>
  );
}
