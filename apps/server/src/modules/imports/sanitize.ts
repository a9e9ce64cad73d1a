import { describeInvisible, hasInvisible, stripInvisible } from '@dkbm/contract';
import {
  listSummary,
  shortText,
  suggestKeyProperty,
  suggestNameProperty,
  type BoundaryDataset,
  type Dataset,
} from '@dkbm/domain';

/**
 * Names and keys of imported files lose invisible and direction-changing characters (U+202E, zero-width
 * characters, soft hyphens, control characters) before anything is matched or stored; what was changed
 * is reported as a warning of the import (ADR 5).
 */
class Notes {
  private readonly seen = new Set<string>();
  private readonly items: string[] = [];

  add(what: string, original: string, line?: number): void {
    const id = `${what}|${original}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.items.push(
      `${what} „${shortText(stripInvisible(original), 40)}“${line ? ` (Zeile ${line})` : ''}: ${describeInvisible(original)}`,
    );
  }

  warnings(): string[] {
    if (!this.items.length) return [];
    return [
      `Unsichtbare oder die Schreibrichtung ändernde Zeichen wurden aus Namen und Schlüsseln entfernt: ${listSummary(this.items, 'weitere Stellen', 5, 200)}.`,
    ];
  }
}

/** Clean a statistics dataset in place; `warnings()` says what was changed (after its rows were read). */
export function cleanDataset(ds: Dataset): { warnings: () => string[] } {
  const notes = new Notes();
  for (const m of ds.statisticalVariables) {
    if (hasInvisible(m.name)) {
      notes.add('Indikator', m.name);
      m.name = stripInvisible(m.name);
    }
    if (m.unit && hasInvisible(m.unit)) {
      notes.add('Einheit', m.unit);
      m.unit = stripInvisible(m.unit);
    }
  }
  for (const d of ds.dimensions) {
    if (hasInvisible(d.name)) {
      notes.add('Merkmal', d.name);
      d.name = stripInvisible(d.name);
    }
    for (const v of d.values) {
      if (hasInvisible(v.label)) {
        notes.add('Merkmalswert', v.label);
        v.label = stripInvisible(v.label);
      }
    }
  }
  for (const r of ds.regions) {
    r.code = stripInvisible(r.code);
    if (r.name !== undefined) r.name = stripInvisible(r.name);
  }
  const rows = ds.rows.bind(ds);
  ds.rows = function* () {
    for (const row of rows()) {
      const badCode = hasInvisible(row.regionCode);
      const badName = row.regionName !== undefined && hasInvisible(row.regionName);
      if (!badCode && !badName) {
        yield row;
        continue;
      }
      if (badCode) notes.add('Gebietsschlüssel', row.regionCode, row.line);
      if (badName) notes.add('Gebietsname', row.regionName!, row.line);
      yield {
        ...row,
        regionCode: stripInvisible(row.regionCode),
        ...(row.regionName !== undefined ? { regionName: stripInvisible(row.regionName) } : {}),
      };
    }
  };
  return { warnings: () => notes.warnings() };
}

/** Clean the text properties of boundary features in place and add a warning naming what changed. */
export function cleanFeatures(ds: BoundaryDataset): void {
  const notes = new Notes();
  for (const f of ds.features) {
    for (const [k, v] of Object.entries(f.properties)) {
      if (typeof v === 'string' && hasInvisible(v)) {
        notes.add(`Merkmal „${shortText(k, 30)}“`, v);
        f.properties[k] = stripInvisible(v);
      }
    }
  }
  const warnings = notes.warnings();
  if (!warnings.length) return;
  ds.warnings.push(...warnings);
  // The key and name properties are recognised again on the cleaned values.
  ds.suggestedKey = suggestKeyProperty(ds.propertyNames, ds.features);
  ds.suggestedName = suggestNameProperty(ds.propertyNames, ds.features, ds.suggestedKey);
}
