/** Shared pieces of the monitoring pages: API paths, labels, value cells with official signs. */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import {
  AREA_LEVEL_LABELS,
  INDICATOR_TIER_LABELS,
  INDICATOR_TOPIC_LABELS,
  type AreaLevel,
  type IndicatorTopic,
} from '@dkbm/contract';
import { seg } from '../api';
import type { Lang } from '../i18n';
import { useTenant } from '../tenant';
import { FLAG_MEANINGS, formatCell, SUPPRESSED_TEXT, type Cell } from './format';
import { useTexts } from './texts';

/**
 * The search parameters and an updater for pages that keep their state in the URL. Changes show at
 * once (controls stay in step although the router commits navigations as transitions), quick
 * successive changes build on each other (react-router's functional setSearchParams only sees the last
 * rendered value), and every change replaces the history entry.
 */
export function useSearchParamsUpdate(): [
  URLSearchParams,
  (change: (prev: URLSearchParams) => URLSearchParams) => void,
] {
  const [sp, setSp] = useSearchParams();
  const spText = sp.toString();
  const spRef = useRef(sp);
  spRef.current = sp;
  const pending = useRef<{ next: URLSearchParams; sent: Set<string> } | null>(null);
  const [, rerender] = useState(0);
  const p = pending.current;
  // Done when the router shows our latest change; abandoned when it shows something we did not send.
  if (p && (!p.sent.has(spText) || p.next.toString() === spText)) pending.current = null;
  const current = pending.current ? pending.current.next : sp;

  const update = useCallback(
    (change: (prev: URLSearchParams) => URLSearchParams) => {
      const base = pending.current ? pending.current.next : spRef.current;
      const next = change(base);
      const sent = new Set(pending.current?.sent ?? [spRef.current.toString()]);
      sent.add(next.toString());
      pending.current = { next, sent };
      rerender((n) => n + 1);
      setSp(next, { replace: true, preventScrollReset: true });
    },
    [setSp],
  );
  return [current, update];
}

/** API base of the current tenant: /api/tenants/<id>. */
export function useApiBase(): string {
  const tenant = useTenant();
  return `/api/tenants/${seg(tenant.tenantId)}`;
}

/** Workbench path of the monitoring module of the current tenant (below the /app basename). */
export function useMonitoringPath(): string {
  const tenant = useTenant();
  return `/t/${tenant.slug}/monitoring`;
}

export const topicLabel = (t: IndicatorTopic, lang: Lang) => INDICATOR_TOPIC_LABELS[t]?.[lang] ?? t;
export const tierLabel = (t: string, lang: Lang) =>
  INDICATOR_TIER_LABELS[t as keyof typeof INDICATOR_TIER_LABELS]?.[lang] ?? t;
export const levelLabel = (l: AreaLevel, lang: Lang) => AREA_LEVEL_LABELS[l]?.[lang] ?? l;

export const indicatorName = (i: { nameDe: string; nameEn: string | null }, lang: Lang) =>
  lang === 'en' && i.nameEn ? i.nameEn : i.nameDe;

export const dimName = (d: { name: string; nameEn: string | null }, lang: Lang) =>
  lang === 'en' && d.nameEn ? d.nameEn : d.name;

export const dimValueLabel = (v: { label: string; labelEn: string | null }, lang: Lang) =>
  lang === 'en' && v.labelEn ? v.labelEn : v.label;

/**
 * A value as published: number in the indicator's format, official signs as they are, withheld cells
 * as "." with the explanation for screen readers (and as a tooltip).
 */
export function CellValue({
  cell,
  decimals,
  lang,
}: {
  cell: Cell | null | undefined;
  decimals: number;
  lang: Lang;
}) {
  const f = formatCell(cell, decimals, lang);
  if (f.kind === 'number' && !f.note) return <>{f.text}</>;
  if (f.kind === 'missing') {
    return (
      <span className="value-missing" title={f.note ?? undefined}>
        <span aria-hidden="true">{f.text}</span>
        <span className="sr-only">{f.note}</span>
      </span>
    );
  }
  return (
    <span className={`value-flag value-${f.kind}`} title={f.note ?? undefined} data-flag={cell?.flag ?? '.'}>
      <span aria-hidden="true">{f.text}</span>
      <span className="sr-only">
        {f.kind === 'number' ? `${f.text}, ` : ''}
        {f.note}
      </span>
    </span>
  );
}

/** Explanation of the official signs that occur in a table (shown below it). */
export function FlagLegend({ cells, lang }: { cells: ReadonlyArray<Cell | null | undefined>; lang: Lang }) {
  const tx = useTexts();
  const flags = new Set<string>();
  let suppressed = false;
  for (const c of cells) {
    if (!c) continue;
    if (c.suppressed) suppressed = true;
    else if (c.flag) flags.add(c.flag);
  }
  if (!flags.size && !suppressed) return null;
  const items: Array<[string, string]> = [];
  if (suppressed)
    items.push([
      '.',
      flags.has('.') ? `${SUPPRESSED_TEXT[lang]}; ${FLAG_MEANINGS['.']![lang]}` : SUPPRESSED_TEXT[lang],
    ]);
  for (const f of [...flags].toSorted()) {
    if (f === '.' && suppressed) continue;
    items.push([f, FLAG_MEANINGS[f]?.[lang] ?? f]);
  }
  return (
    <div className="flag-legend">
      <p className="flag-legend-title">{tx.flagLegend}</p>
      <dl>
        {items.map(([sign, meaning], i) => (
          <div key={i}>
            <dt>{sign}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** A small labelled badge (tier, computed, internal). */
export function Tag({ children, kind }: { children: ReactNode; kind?: 'computed' | 'internal' | 'tier' }) {
  return <span className={`mon-tag${kind ? ` mon-tag-${kind}` : ''}`}>{children}</span>;
}

/** Is the user's preference reduced motion? (charts and map skip animations then) */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}
