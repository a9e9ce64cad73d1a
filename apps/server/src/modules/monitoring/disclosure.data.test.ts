import { tenantScope } from '../../platform/tenancy/scope';
/**
 * Intruder test on genuine official tables (ADR 0006). Each table is imported through the import
 * pipeline; then an intruder takes only the public, protected CSV export (what anyone can download),
 * builds the relations a statistician would assume from it — area hierarchy from the keys (Germany =
 * Σ Länder, Land = Σ Regierungsbezirke or Kreise, Regierungsbezirk = Σ Kreise, an 8-digit city inside
 * its Kreis), dimension totals („insgesamt“, or the empty value of a breakdown) over their values,
 * „dar.“ values inside their total — keeps those that hold in the true table (the internal export),
 * and computes for every withheld cell the interval of values consistent with the publication by
 * linear programming (HiGHS), knowing that every withheld cell is a count ≥ 1.
 *
 * Expected: no withheld cell is recovered exactly, and every small count's interval covers [1, 3].
 * Nothing here shares code with the implementation's relation building (disclosure.ts, facts.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { describeWithData, readShared } from '@dkbm/domain/testing';
import { intruderVerdict, trueRelations } from '@dkbm/domain/sdc-testing';
import { createTestDatabase, type TestDatabase } from '../../test/testDb';
import { createTenant } from '../tenants/tenants.service';
import { analyzeRun, commitRun, createRun } from '../imports/runs.service';
import { indicators } from '../../platform/db/schema';
import { applyDefinitions } from './computed.service';
import { internalObservations, publicObservations } from './observations.service';
import { tidyRows, toGermanCsv } from './export.service';

const GENESIS = 'genesapi-data';
const THRESHOLD = 3;

/** German CSV (BOM, `;`, decimal comma, quoted cells) → header and rows. */
function parseCsv(buf: Buffer): { header: string[]; rows: string[][] } {
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.split(/\r?\n/).findIndex((l) => l.startsWith('indicator;'));
  const records = parse(text, {
    delimiter: ';',
    from_line: start + 1,
    relax_column_count: true,
  }) as string[][];
  return { header: records[0]!, rows: records.slice(1) };
}

interface Published {
  /** cell key → value (null when a sign stands instead) and sign. */
  cells: Map<string, { value: number | null; flag: string }>;
  /** cell key → period, area key, dimension values. */
  meta: Map<string, { period: string; area: string; dims: Record<string, string> }>;
  dimCodes: string[];
}

function readExport(buf: Buffer): Published {
  const { header, rows } = parseCsv(buf);
  const col = (h: string) => header.indexOf(h);
  const dimCodes = header.slice(col('period') + 1, col('value'));
  const cells: Published['cells'] = new Map();
  const meta: Published['meta'] = new Map();
  for (const r of rows) {
    const period = r[col('period')]!;
    const area = r[col('area')]!;
    const dims = Object.fromEntries(dimCodes.map((d) => [d, r[col(d)]!]));
    const key = `${period}|${area}|${dimCodes.map((d) => dims[d]).join('|')}`;
    const raw = r[col('value')]!;
    const flag = r[col('flag')]!;
    // '-' (nichts vorhanden) is a published zero.
    const value = raw === '' ? (flag === '-' ? 0 : null) : Number(raw.replace(',', '.'));
    cells.set(key, { value, flag });
    meta.set(key, { period, area, dims });
  }
  return { cells, meta, dimCodes };
}

/** The relations the intruder assumes, from the public export alone. */
function assumedRelations(pub: Published): { total: string; parts: string[]; family: string }[] {
  const rels: { total: string; parts: string[]; family: string }[] = [];
  const keyOf = (period: string, area: string, dims: Record<string, string>) =>
    `${period}|${area}|${pub.dimCodes.map((d) => dims[d]).join('|')}`;
  const areasOf = new Map<string, Set<string>>();
  for (const m of pub.meta.values()) {
    if (!areasOf.has(m.period)) areasOf.set(m.period, new Set());
    areasOf.get(m.period)!.add(m.area);
  }
  // Area hierarchy from the keys.
  const parentOf = (code: string, present: Set<string>): string | null => {
    if (code === 'DG') return null;
    if (code.length === 2) return present.has('DG') ? 'DG' : null;
    if (code.length === 3) return code.slice(0, 2);
    if (code.length === 5) return present.has(code.slice(0, 3)) ? code.slice(0, 3) : code.slice(0, 2);
    if (code.length === 8) return code.slice(0, 5);
    return null;
  };
  const children = new Map<string, string[]>(); // period|parent → children
  for (const [period, present] of areasOf) {
    for (const a of present) {
      const p = parentOf(a, present);
      if (!p || !present.has(p)) continue;
      const k = `${period}|${p}`;
      if (!children.has(k)) children.set(k, []);
      children.get(k)!.push(a);
    }
  }
  for (const [key, m] of pub.meta) {
    const kids = children.get(`${m.period}|${m.area}`);
    if (!kids) continue;
    const present = kids.filter((k) => pub.cells.has(keyOf(m.period, k, m.dims)));
    if (present.length) {
      rels.push({
        total: key,
        parts: present.map((k) => keyOf(m.period, k, m.dims)),
        family: `area:${m.area}`,
      });
    }
    // A Kreis shown as '-' or '.' whose city has values: the city stands in for it.
    const deep = present.flatMap((k) => {
      const own = pub.cells.get(keyOf(m.period, k, m.dims))!;
      const subs = (children.get(`${m.period}|${k}`) ?? []).filter((g) =>
        pub.cells.has(keyOf(m.period, g, m.dims)),
      );
      return own.value !== 0 && own.value !== null ? [k] : subs.length ? subs : [k];
    });
    if (deep.join() !== present.join()) {
      rels.push({
        total: key,
        parts: deep.map((k) => keyOf(m.period, k, m.dims)),
        family: `area:${m.area}:deep`,
      });
    }
  }
  // Dimension totals: „insgesamt…“ or the empty value, over the other values; „dar. …“ inside them.
  for (const d of pub.dimCodes) {
    const groups = new Map<string, { totals: string[]; parts: string[]; of: string[] }>();
    for (const [key, m] of pub.meta) {
      const rest = { ...m.dims, [d]: '*' };
      const g = `${m.period}|${m.area}|${pub.dimCodes.map((x) => rest[x]).join('|')}`;
      if (!groups.has(g)) groups.set(g, { totals: [], parts: [], of: [] });
      const v = m.dims[d]!;
      const entry = groups.get(g)!;
      if (v === '' || v.startsWith('insgesamt')) entry.totals.push(key);
      else if (/^(dar|darunter)_/.test(v)) entry.of.push(key);
      else entry.parts.push(key);
    }
    for (const g of groups.values()) {
      for (const t of g.totals) {
        if (g.parts.length) rels.push({ total: t, parts: g.parts, family: `dim:${d}` });
        for (const o of g.of) rels.push({ total: t, parts: [o], family: `dim:${d}:of` });
      }
      if (g.totals.length === 2)
        rels.push({ total: g.totals[0]!, parts: [g.totals[1]!], family: `dim:${d}:both` });
    }
  }
  return rels;
}

describeWithData(GENESIS, 'Geheimhaltung: Angriff auf den öffentlichen Export echter Tabellen', () => {
  let db: TestDatabase;
  let tenantId: string;
  const warnings = new Map<string, string[]>();

  beforeAll(async () => {
    db = await createTestDatabase({ onDisk: true });
    tenantId = (await createTenant(db.db, { slug: 'kreis', name: 'Kreis', type: 'landkreis', ags: '03159' }))
      .id;
    for (const file of [
      '22543-01-01-4_00.csv',
      '22543-01-02-4_00.csv',
      '22541-01-01-4_00.csv',
      '21111-02-06-4.csv',
    ]) {
      const runId = await createRun(tenantScope(db.db, tenantId), {
        userId: null,
        via: 'cli',
        file: { name: file, bytes: readShared(GENESIS, file) },
      });
      // National tables: create all their areas (the default is off when most keys lie outside the tenant).
      const analysis = await analyzeRun(db, tenantId, runId, { createAreas: true });
      warnings.set(file, analysis.kind === 'statistics' ? analysis.warnings : []);
      await commitRun(db, tenantId, runId, { createAreas: true });
    }
  }, 600_000);

  it('the import of 21111-02-06-4 warns about its negative counts, naming area, period and cell, and keeps them', async () => {
    const w = warnings.get('21111-02-06-4.csv')!.find((x) => x.includes('negative'));
    expect(w).toMatch(/^Die Datei enthält \d+ negative Werte/);
    expect(w).toContain(
      'Darmstadt-Dieburg, Landkreis (06432), 1995, Absolventen/Abgänger, mit Fachhochschulreife, weiblich: −56',
    );
    expect(w).toMatch(/unverändert übernommen/);
    const kept = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM observations o JOIN areas a ON a.id = o.area_id WHERE a.code = '06432' AND o.value = -56`,
    );
    expect(kept[0]!.n).toBe(1);
    expect(warnings.get('22543-01-02-4_00.csv')!.some((x) => x.includes('negative'))).toBe(false);
  });
  afterAll(async () => db?.destroy());

  const indicatorRow = async (code: string) =>
    (
      await db.db
        .select()
        .from(indicators)
        .where(and(eq(indicators.tenantId, tenantId), eq(indicators.code, code)))
    )[0]!;
  const exportCsv = async (code: string, view: 'public' | 'internal') => {
    const row = await indicatorRow(code);
    const obs =
      view === 'public'
        ? await publicObservations(tenantScope(db.db, tenantId), row, {})
        : await internalObservations(tenantScope(db.db, tenantId), row, {});
    return toGermanCsv(await tidyRows(tenantScope(db.db, tenantId), row, obs));
  };

  const tables = [
    '22543-01-02-4.betreute_kinder',
    '22543-01-01-4.betreute_kinder',
    '22543-01-02-4.kinder_herkunft_mind_1_elternteil_auslaendisch',
    '22541-01-01-4.tageseinrichtungen_fuer_kinder',
    '21111-02-06-4.absolventen_abgaenger',
  ];
  it.each(tables)(
    '%s: the public export works; the intruder recovers nothing and every small count stays within [1, 3]',
    async (code) => {
      const pub = readExport(await exportCsv(code, 'public'));
      const internal = readExport(await exportCsv(code, 'internal'));
      expect(pub.cells.size).toBe(internal.cells.size);
      const truth = new Map([...internal.cells].map(([k, c]) => [k, c.value]));
      const withheld = new Set<string>();
      const primary = new Set<string>();
      for (const [k, c] of pub.cells) {
        const t = internal.cells.get(k)!;
        if (c.value !== null || t.value === null) {
          // Published cells are published unchanged.
          expect(c.value, k).toBe(t.value);
          continue;
        }
        expect(c.flag, k).toBe('.');
        withheld.add(k);
        if (Number.isInteger(t.value) && t.value >= 1 && t.value < THRESHOLD) primary.add(k);
      }
      // Every small count of the true table is withheld.
      for (const [k, t] of internal.cells) {
        if (t.value !== null && Number.isInteger(t.value) && t.value >= 1 && t.value < THRESHOLD) {
          expect(withheld.has(k), k).toBe(true);
        }
      }
      const relations = trueRelations(truth, assumedRelations(pub));
      const verdict = await intruderVerdict({
        truth,
        withheld,
        primary,
        relations,
        threshold: THRESHOLD,
        // Withheld counts are ≥ 1; a value withheld only as a last resort (negative, fraction) is not a
        // count; a source sign hides a value ≥ 0 (an official '.' may hide a zero).
        floor: (k) => {
          if (!withheld.has(k)) return undefined;
          const v = truth.get(k)!;
          return Number.isInteger(v) && v >= 1 ? 1 : v < 0 ? -Infinity : 0;
        },
      });
      console.log(
        `${code}: ${pub.cells.size} Zellen, ${relations.length} Beziehungen, ${primary.size} kleine Fallzahlen, ` +
          `${withheld.size - primary.size} weitere gesperrt; exakt berechenbar ${verdict.exact.length}, ` +
          `zu eng ${verdict.insufficient.length}`,
      );
      expect(primary.size).toBeGreaterThan(0);
      expect(verdict.exact).toEqual([]);
      expect(verdict.insufficient).toEqual([]);
    },
    600_000,
  );

  it('a share over 21111-02-06-4 (negative official counts) exports publicly and withholds where its inputs are withheld', async () => {
    const defs = `indicators:
  - code: anteil_ohne_hsa
    name: { de: Anteil der Abgänger ohne Hauptschulabschluss }
    unit: '%'
    decimals: 1
    formula: ohne / alle * 100
    inputs:
      ohne: { indicator: 21111-02-06-4.absolventen_abgaenger, dims: { schulabschluss: ohne_hauptschulabschluss, geschlecht: insgesamt } }
      alle: { indicator: 21111-02-06-4.absolventen_abgaenger, dims: { schulabschluss: insgesamt, geschlecht: insgesamt } }
`;
    const r = await applyDefinitions(tenantScope(db.db, tenantId), defs, 'anteil.yaml');
    expect(r.created).toEqual(['anteil_ohne_hsa']);
    const pub = readExport(await exportCsv('anteil_ohne_hsa', 'public'));
    const internal = readExport(await exportCsv('anteil_ohne_hsa', 'internal'));
    expect(pub.cells.size).toBe(internal.cells.size);
    expect(pub.cells.size).toBeGreaterThan(400 * 20);
    const counts = readExport(await exportCsv('21111-02-06-4.absolventen_abgaenger', 'public'));
    let withheld = 0;
    for (const [k, c] of pub.cells) {
      const m = pub.meta.get(k)!;
      const input = (abschluss: string) =>
        counts.cells.get(
          `${m.period}|${m.area}|${counts.dimCodes.map((d) => (d === 'geschlecht' ? 'insgesamt' : abschluss)).join('|')}`,
        );
      const hidden = [input('ohne_hauptschulabschluss'), input('insgesamt')].some((x) => x?.flag === '.');
      if (hidden) {
        expect(c.value, k).toBeNull();
        withheld++;
      } else expect(c.value, k).toBe(internal.cells.get(k)!.value);
    }
    expect(withheld).toBeGreaterThan(0);
  }, 600_000);
});
