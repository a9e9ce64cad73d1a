/**
 * Model of the page „Katalog übernehmen“: the selection of catalogue entries, the request it sends, the
 * outcome of each change once the person chose which local edits to overwrite, and short value texts.
 * Pure functions, tested in catalogueForm.test.ts.
 */
import type {
  CatalogueEntryStatus,
  CatalogueFieldChange,
  CataloguePlanActionName,
  CataloguePlanItem,
  CatalogueRequest,
  CatalogueVariantName,
  IndicatorTopic,
} from '@dkbm/contract';

type Entry = Pick<CatalogueEntryStatus, 'code' | 'topic'>;

/** Topics in the catalogue's order with their entries. */
export function topicsOf<E extends Entry>(
  entries: readonly E[],
): Array<{ topic: IndicatorTopic; entries: E[] }> {
  const groups = new Map<IndicatorTopic, E[]>();
  for (const e of entries) groups.set(e.topic, [...(groups.get(e.topic) ?? []), e]);
  return [...groups].map(([topic, list]) => ({ topic, entries: list }));
}

/** Selection after ticking (or unticking) a whole topic. */
export function toggleTopic(
  selected: ReadonlySet<string>,
  entries: readonly Entry[],
  topic: IndicatorTopic,
  on: boolean,
): Set<string> {
  const next = new Set(selected);
  for (const e of entries) {
    if (e.topic !== topic) continue;
    if (on) next.add(e.code);
    else next.delete(e.code);
  }
  return next;
}

/** all / some / none of a topic's entries are selected (the topic box shows „teilweise“ for some). */
export function topicState(
  selected: ReadonlySet<string>,
  entries: readonly Entry[],
  topic: IndicatorTopic,
): 'all' | 'some' | 'none' {
  const codes = entries.filter((e) => e.topic === topic).map((e) => e.code);
  const n = codes.filter((c) => selected.has(c)).length;
  return n === 0 ? 'none' : n === codes.length ? 'all' : 'some';
}

/**
 * The request body for a selection: nothing for the whole catalogue, the topics when only whole topics
 * are chosen, else the single entries. Null when nothing is selected.
 */
export function requestOf(
  selected: ReadonlySet<string>,
  entries: readonly Entry[],
  opts: { prefer?: CatalogueVariantName; version?: number; overwrite?: ReadonlySet<string> } = {},
): CatalogueRequest | null {
  const chosen = entries.filter((e) => selected.has(e.code));
  if (!chosen.length) return null;
  const body: CatalogueRequest = {};
  if (chosen.length < entries.length) {
    const topics = topicsOf(entries).filter((g) => topicState(selected, entries, g.topic) !== 'none');
    if (topics.every((g) => topicState(selected, entries, g.topic) === 'all')) {
      body.topics = topics.map((g) => g.topic);
    } else body.codes = chosen.map((e) => e.code);
  }
  if (opts.prefer && opts.prefer !== 'official') body.prefer = opts.prefer;
  if (opts.version !== undefined) body.version = opts.version;
  const overwrite = [...(opts.overwrite ?? [])].filter((c) => selected.has(c));
  if (overwrite.length) body.overwrite = overwrite;
  return body;
}

/** Outcome of a change once the person decided which of the item's local edits to overwrite. */
export function outcomeOf(
  change: Pick<CatalogueFieldChange, 'outcome'>,
  overwrite: boolean,
): CatalogueFieldChange['outcome'] {
  if (change.outcome === 'apply') return 'apply';
  return overwrite ? 'overwrite' : 'keep_local';
}

/** Action of a preview item once the person decided whether to overwrite its local edits. */
export function actionOf(
  item: Pick<CataloguePlanItem, 'action' | 'changes'>,
  overwrite: boolean,
): CataloguePlanActionName {
  if (item.action !== 'update' && item.action !== 'keep_local') return item.action;
  return item.changes.some((c) => outcomeOf(c, overwrite) !== 'keep_local') ? 'update' : 'keep_local';
}

/** Does the item have local edits that the catalogue would change (the person may overwrite them)? */
export const hasConflict = (item: Pick<CataloguePlanItem, 'changes'>) =>
  item.changes.some((c) => c.outcome !== 'apply');

/** Counts of the preview by action, after the overwrite choices. */
export function countsOf(
  items: ReadonlyArray<Pick<CataloguePlanItem, 'code' | 'action' | 'changes'>>,
  overwrite: ReadonlySet<string>,
): { create: number; update: number; unchanged: number; keepLocal: number; skipped: number } {
  const n = { create: 0, update: 0, unchanged: 0, keepLocal: 0, skipped: 0 };
  for (const i of items) {
    const a = actionOf(i, overwrite.has(i.code));
    if (a === 'create') n.create++;
    else if (a === 'update') n.update++;
    else if (a === 'unchanged') n.unchanged++;
    else if (a === 'keep_local') n.keepLocal++;
    else n.skipped++;
  }
  return n;
}

/** A field value in one short line: a definition by its formula, long texts cut at 80 characters. */
export function shortValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'object' && 'formula' in v) return String((v as { formula: unknown }).formula);
  const s = (typeof v === 'string' ? v : JSON.stringify(v)).replace(/\s+/g, ' ').trim();
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}
