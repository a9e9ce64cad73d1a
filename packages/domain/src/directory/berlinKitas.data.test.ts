/**
 * Real data: the Berlin Kita list (Senatsverwaltung für Bildung, Jugend und Familie, June 2026; 2,893
 * Kitas with coordinates) read as a directory import, and each Kita located in the Berlin
 * Prognoseräume (LOR 2021) by its coordinates. The list names each Kita's Planungsraum (8 digits, the
 * first 4 are its Prognoseraum), so the located area can be checked against the list itself.
 */
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { areaOfPoint } from './areaOfPoint';
import { parseDirectoryList } from './importList';
import type { PolygonGeometry } from '../geo/index';

describeWithData('berlin-lor', 'Bildungswegweiser: Import der Berliner Kitaliste', () => {
  const csv = Buffer.from(
    readShared('berlin-lor', 'kitas', 'berlin-daycare-centers-2026-06-details.csv'),
  ).toString('utf8');

  it('recognises the list, takes every Kita with its places and names the licence', () => {
    const r = parseDirectoryList(csv);
    expect(r.preset).toBe('berlin-kitas');
    expect(r.rows).toBe(2893);
    expect(r.places.length + r.refused + r.duplicates).toBe(2893);
    // Every refused or duplicate row is reported with its line and column.
    expect(r.problems.length).toBe(Math.min(200, r.refused + r.duplicates));
    for (const p of r.problems) expect(p.line).toBeGreaterThan(1);
    expect(r.places.length).toBe(2893);
    expect(r.refused).toBe(0);
    const first = r.places[0]!;
    expect(first).toMatchObject({ line: 2, externalId: '01010010' });
    expect(first.input).toMatchObject({
      name: 'Kita F.A.I.R.play',
      type: 'kita',
      capacity: 69,
      provider: 'GFJ - gemeinnützige Gesellschaft für Familien- und Jugendhilfe mbH',
      address: { street: 'Albrechtstr. 20', postcode: '10117', city: 'Berlin' },
    });
    expect(r.source.licence).toBe('CC BY 3.0 DE');
    console.info(
      `Kitaliste Berlin: ${r.rows} Zeilen, ${r.places.length} übernommen, ${r.refused} abgelehnt, ${r.duplicates} doppelt`,
      r.problems.slice(0, 5),
    );
  });

  it('locates each Kita in the Prognoseraum that the list names for it', () => {
    const fc = JSON.parse(
      Buffer.from(readShared('berlin-lor', 'geo', 'berlin-lor-forecast-areas-from-2021.geojson')).toString(
        'utf8',
      ),
    ) as {
      features: Array<{ properties: { id: string; bounding_box?: number[] }; geometry: PolygonGeometry }>;
    };
    const areas = fc.features.map((f) => ({
      id: f.properties.id,
      geometry: f.geometry,
      bbox: f.properties.bounding_box ?? null,
    }));
    expect(areas.length).toBe(58);
    const r = parseDirectoryList(csv);
    const plrOf = new Map(
      csv
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => [l.split(',')[0]!, l.trim().split(',').at(-1)!]),
    );
    let located = 0;
    let agree = 0;
    for (const p of r.places) {
      const a = areaOfPoint(p.input.location!, areas);
      if (!a) continue;
      located++;
      if (a.id === plrOf.get(p.externalId!)?.slice(0, 4)) agree++;
    }
    console.info(
      `Kitas in einem Prognoseraum: ${located}/${r.places.length}, übereinstimmend mit der Liste: ${agree}`,
    );
    expect(located / r.places.length).toBeGreaterThan(0.99);
    expect(agree / located).toBeGreaterThan(0.98);
  });
});
