/**
 * Real data: Kita coverage per Berlin Planungsraum (LOR 2021, 542 areas).
 *
 * Places: Senatsverwaltung für Bildung, Jugend und Familie, Kita list of June 2026, aggregated per
 * Planungsraum (berlin-lor/kitas/…-planning-areas.csv; keys = PLR 2021 ids). Children: Amt für Statistik
 * Berlin-Brandenburg, inhabitants under 6 on 31.12.2024 (berlin-lor/population/…-2024-02-t2-planning-areas.csv,
 * LOR 2021 ids). The files carry only the age group „unter 6“, so the children of the Kita entitlement are
 * approximated by it (it includes children under 1 and misses 6-year-olds not yet at school); demand is all
 * of them (share 1). Places are of 2026, children of 2024: a coverage indicator, not a plan.
 *
 * The LOR keys changed in 2021 (447 → 542 Planungsräume, new 8-digit ids): the population of 31.12.2020
 * (old ids) matches none of the Kita keys, which the test shows and reports.
 */
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { assessCoverage, matchPlanningUnits, summariseCoverage } from './index';

type Row = Record<string, string>;

function csv(...path: string[]): Row[] {
  return parse(Buffer.from(readShared('berlin-lor', ...path)), {
    columns: true,
    skip_empty_lines: true,
  }) as Row[];
}

function column(rows: Row[], key: string, value: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) {
    const k = r[key];
    const v = r[value];
    if (k === undefined || v === undefined) throw new Error(`Spalte ${key} oder ${value} fehlt`);
    if (m.has(k)) throw new Error(`Schlüssel ${k} doppelt`);
    m.set(k, v);
  }
  return m;
}

describeWithData('berlin-lor', 'Kita-Versorgung je Berliner Planungsraum (LOR 2021)', () => {
  const areas = csv('kitas', 'berlin-daycare-centers-2026-06-planning-areas.csv');
  const details = csv('kitas', 'berlin-daycare-centers-2026-06-details.csv');
  const districts = csv('kitas', 'berlin-daycare-centers-2026-06-districts.csv');
  const population = csv('population', 'berlin-lor-population-2024-02-t2-planning-areas.csv');
  const names = column(csv('geo', 'plr2021_ids_names.csv'), 'PLR_ID', 'PLR_NAME');
  const places = column(areas, 'id', 'places');
  const under6 = column(population, 'id', 'inhabitants_age_below_6');

  it('the place aggregates agree with the single Kitas and the districts', () => {
    for (const id of places.keys()) expect(id).toMatch(/^\d{8}$/);
    const byArea = new Map<string, number>();
    for (const k of details) {
      const id = k.geojson_feature_id!;
      expect(id, `Kita ${k.id} ohne Planungsraum`).toMatch(/^\d{8}$/);
      expect(k.places).toMatch(/^\d+$/);
      byArea.set(id, (byArea.get(id) ?? 0) + Number(k.places));
    }
    expect([...byArea.keys()].toSorted()).toEqual([...places.keys()].toSorted());
    for (const [id, p] of places) expect(byArea.get(id), id).toBe(Number(p));
    const total = [...places.values()].reduce((s, p) => s + Number(p), 0);
    expect(districts.reduce((s, d) => s + Number(d.places), 0)).toBe(total);
  });

  it('coverage per Planungsraum, with the areas that do not match reported', () => {
    // The population file holds all 542 Planungsräume of LOR 2021 (same ids as the official list).
    expect([...under6.keys()].toSorted()).toEqual([...names.keys()].toSorted());
    const s = summariseCoverage(under6, places, {}, 1);

    // Every Kita area key is a LOR 2021 key; areas without a Kita count with 0 places.
    expect(s.match.placesOnly).toEqual([]);
    expect(s.match.matched.length + s.match.demandOnly.length).toBe(under6.size);
    expect(s.units).toHaveLength(under6.size);
    expect(s.byStatus.shortfall + s.byStatus.tight + s.byStatus.covered).toBe(under6.size);
    for (const id of s.match.demandOnly) {
      expect(places.has(id)).toBe(false);
      expect(s.units.find((u) => u.planningUnitId === id)).toMatchObject({ places: '0.0' });
    }

    // Hand check, 01100101 Stülerstraße: 165 children under 6, 39 places → 39/165 = 0.2364, gap 126, Lücke.
    expect(s.units.find((u) => u.planningUnitId === '01100101')).toMatchObject({
      demand: '165.0',
      places: '39.0',
      gap: '126.0',
      ratio: '0.2364',
      status: 'shortfall',
    });
    // Totals are sums of the areas (never means of ratios); Σ shortfalls ≥ total gap (no offsetting).
    const children = [...under6.values()].reduce((a, v) => a + Number(v), 0);
    const allPlaces = [...places.values()].reduce((a, v) => a + Number(v), 0);
    expect(s.total).toMatchObject({ demand: `${children}.0`, places: `${allPlaces}.0` });
    expect(s.total).toEqual(assessCoverage(children, allPlaces, {}, 1));
    expect(Number(s.sumOfShortfalls)).toBeGreaterThanOrEqual(Number(s.total.gap));

    const label = (id: string) => `${id} ${names.get(id) ?? '?'}`;
    console.info(
      [
        `Kita-Versorgung Berlin (Plätze 06/2026 je Kinder unter 6 am 31.12.2024), ${s.units.length} Planungsräume:`,
        `  gesamt ${s.total.places} Plätze / ${s.total.demand} Kinder = ${s.total.ratio} (${s.total.label.de}), ` +
          `Summe der Lücken ${s.sumOfShortfalls}`,
        `  Lücke ${s.byStatus.shortfall}, knapp ${s.byStatus.tight}, gedeckt ${s.byStatus.covered}`,
        `  ohne Kita (Kinder, aber kein Platz im Planungsraum): ${s.match.demandOnly.length}`,
        ...s.match.demandOnly.map((id) => `    ${label(id)}: ${under6.get(id)} Kinder unter 6`),
        `  Kita-Schlüssel ohne Bevölkerung: ${s.match.placesOnly.length}`,
      ].join('\n'),
    );
  });

  it('per Prognoseraum (first 4 digits): sums agree with the published files; coarser areas hide gaps', () => {
    const sumBy = (m: Map<string, string>) => {
      const out = new Map<string, number>();
      for (const [id, v] of m) out.set(id.slice(0, 4), (out.get(id.slice(0, 4)) ?? 0) + Number(v));
      return out;
    };
    const placesFa = column(
      csv('kitas', 'berlin-daycare-centers-2026-06-forecast-areas.csv'),
      'id',
      'places',
    );
    const under6Fa = column(
      csv('population', 'berlin-lor-population-2024-02-t2-forecast-areas.csv'),
      'id',
      'inhabitants_age_below_6',
    );
    const p = sumBy(places);
    const c = sumBy(under6);
    for (const [id, v] of placesFa) expect(p.get(id), id).toBe(Number(v));
    for (const [id, v] of under6Fa) expect(c.get(id), id).toBe(Number(v));
    const fine = summariseCoverage(under6, places);
    const coarse = summariseCoverage(under6Fa, placesFa);
    // Same totals; the sum of gaps can only shrink when areas are merged (surpluses offset gaps).
    expect(coarse.total).toEqual(fine.total);
    expect(Number(coarse.sumOfShortfalls)).toBeLessThanOrEqual(Number(fine.sumOfShortfalls));
    console.info(
      `Prognoseräume: ${coarse.units.length}, Lücke ${coarse.byStatus.shortfall}, knapp ${coarse.byStatus.tight}, ` +
        `gedeckt ${coarse.byStatus.covered}; Summe der Lücken ${coarse.sumOfShortfalls} ` +
        `(Planungsräume: ${fine.sumOfShortfalls})`,
    );
  });

  it('the old LOR keys (population of 31.12.2020) match no Kita area', () => {
    const old = column(
      csv('population', 'berlin-lor-population-2020-02-t2-planning-areas.csv'),
      'id',
      'inhabitants_age_below_6',
    );
    const m = matchPlanningUnits(old.keys(), places.keys());
    expect(m.matched).toEqual([]);
    expect(m.placesOnly).toHaveLength(places.size);
    console.info(
      `LOR-Reform 2021: ${old.size} alte Planungsräume (31.12.2020), davon mit Kita-Schlüssel 2026 übereinstimmend: ` +
        `${m.matched.length}; ${m.placesOnly.length} Kita-Planungsräume ohne Bevölkerung unter alten Schlüsseln`,
    );
  });
});
