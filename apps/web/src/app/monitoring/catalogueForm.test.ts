import { describe, expect, it } from 'vitest';
import type { CataloguePlanItem } from '@dkbm/contract';
import {
  actionOf,
  countsOf,
  outcomeOf,
  requestOf,
  shortValue,
  toggleTopic,
  topicsOf,
  topicState,
} from './catalogueForm';

const ENTRIES = [
  { code: 'a1', topic: 'grundinformationen' as const },
  { code: 'a2', topic: 'grundinformationen' as const },
  { code: 'b1', topic: 'fruehkindliche_bildung' as const },
  { code: 'c1', topic: 'hochschulen' as const },
];

const item = (
  code: string,
  action: CataloguePlanItem['action'],
  outcomes: Array<'apply' | 'keep_local'> = [],
): Pick<CataloguePlanItem, 'code' | 'action' | 'changes'> => ({
  code,
  action,
  changes: outcomes.map((outcome, i) => ({
    field: i ? 'unit' : 'nameDe',
    label: i ? 'Einheit' : 'Name',
    local: 'lokal',
    catalogue: 'Katalog',
    outcome,
  })),
});

describe('selection', () => {
  it('groups entries by topic in the catalogue’s order', () => {
    expect(topicsOf(ENTRIES).map((g) => [g.topic, g.entries.map((e) => e.code)])).toEqual([
      ['grundinformationen', ['a1', 'a2']],
      ['fruehkindliche_bildung', ['b1']],
      ['hochschulen', ['c1']],
    ]);
  });

  it('a topic box selects and clears its entries only; its state follows the entries', () => {
    let s = toggleTopic(new Set(['c1']), ENTRIES, 'grundinformationen', true);
    expect([...s].toSorted()).toEqual(['a1', 'a2', 'c1']);
    expect(topicState(s, ENTRIES, 'grundinformationen')).toBe('all');
    s.delete('a2');
    expect(topicState(s, ENTRIES, 'grundinformationen')).toBe('some');
    s = toggleTopic(s, ENTRIES, 'grundinformationen', false);
    expect([...s]).toEqual(['c1']);
    expect(topicState(s, ENTRIES, 'grundinformationen')).toBe('none');
  });
});

describe('requestOf', () => {
  it('sends nothing for the whole catalogue, topics for whole topics, codes otherwise', () => {
    expect(requestOf(new Set(ENTRIES.map((e) => e.code)), ENTRIES)).toEqual({});
    expect(requestOf(new Set(['a1', 'a2', 'c1']), ENTRIES)).toEqual({
      topics: ['grundinformationen', 'hochschulen'],
    });
    expect(requestOf(new Set(['a1', 'c1']), ENTRIES)).toEqual({ codes: ['a1', 'c1'] });
    expect(requestOf(new Set(), ENTRIES)).toBeNull();
  });

  it('adds the previewed version, the local variant and only overwrites of selected entries', () => {
    expect(
      requestOf(new Set(['b1']), ENTRIES, { version: 3, prefer: 'local', overwrite: new Set(['b1', 'a1']) }),
    ).toEqual({ topics: ['fruehkindliche_bildung'], version: 3, prefer: 'local', overwrite: ['b1'] });
    expect(requestOf(new Set(['b1']), ENTRIES, { prefer: 'official', overwrite: new Set() })).toEqual({
      topics: ['fruehkindliche_bildung'],
    });
  });
});

describe('overwrite choices', () => {
  it('a local edit is kept unless the person overwrites it; catalogue changes of untouched fields apply', () => {
    expect(outcomeOf({ outcome: 'keep_local' }, false)).toBe('keep_local');
    expect(outcomeOf({ outcome: 'keep_local' }, true)).toBe('overwrite');
    expect(outcomeOf({ outcome: 'apply' }, false)).toBe('apply');
    expect(actionOf(item('x', 'keep_local', ['keep_local']), false)).toBe('keep_local');
    expect(actionOf(item('x', 'keep_local', ['keep_local']), true)).toBe('update');
    expect(actionOf(item('x', 'update', ['apply', 'keep_local']), false)).toBe('update');
    expect(actionOf(item('x', 'create'), true)).toBe('create');
  });

  it('counts the preview after the choices', () => {
    const items = [
      item('a1', 'create'),
      item('a2', 'keep_local', ['keep_local']),
      item('b1', 'unchanged'),
      item('c1', 'skip_code_taken'),
    ];
    expect(countsOf(items, new Set())).toEqual({
      create: 1,
      update: 0,
      unchanged: 1,
      keepLocal: 1,
      skipped: 1,
    });
    expect(countsOf(items, new Set(['a2']))).toEqual({
      create: 1,
      update: 1,
      unchanged: 1,
      keepLocal: 0,
      skipped: 1,
    });
  });
});

describe('shortValue', () => {
  it('shows a definition by its formula, empty values as a dash, long texts cut', () => {
    expect(shortValue({ formula: 'a / b * 100', inputs: {} })).toBe('a / b * 100');
    expect(shortValue(null)).toBe('–');
    expect(shortValue('')).toBe('–');
    expect(shortValue(1)).toBe('1');
    expect(shortValue('Zeile 1\n  Zeile 2')).toBe('Zeile 1 Zeile 2');
    const long = shortValue('x'.repeat(200));
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });
});
