/**
 * Real data: the Berlin school list (Geoportal Berlin WFS, GeoJSON in EPSG:25833, 902 schools) and the NRW
 * school directory (CSV with `sep=;`, UTM zone 32) read as directory imports; the coordinates are
 * reprojected to WGS84 and each school is located in the Bezirk (Berlin) or Kreis (NRW) that the list
 * itself names for it.
 */
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import type { PolygonGeometry } from '../geo/index';
import { areaOfPoint } from './areaOfPoint';
import { parseDirectoryList } from './importList';

type Fc = { features: Array<{ properties: Record<string, unknown>; geometry: PolygonGeometry }> };
const json = (...p: string[]) => JSON.parse(Buffer.from(readShared(...p)).toString('utf8')) as unknown;

describeWithData('berlin-lor', 'Bildungswegweiser: Import der Berliner Schulen (GeoJSON, EPSG:25833)', () => {
  it('takes the schools, reprojects them and finds each in its Bezirk', () => {
    const text = Buffer.from(readShared('berlin-lor', 'schulen', 'schulen_wfs_2023.geojson')).toString(
      'utf8',
    );
    const r = parseDirectoryList(text);
    expect(r.preset).toBe('berlin-schulen');
    expect(r.rows).toBe(902);
    expect(r.places.length + r.refused + r.duplicates).toBe(902);
    console.info(
      `Schulen Berlin: ${r.places.length} übernommen, ${r.refused} abgelehnt, ${r.duplicates} doppelt`,
      r.problems.slice(0, 5),
    );
    expect(r).toMatchObject({ refused: 0, duplicates: 1 });
    expect(r.places.length).toBe(901);
    const osz = r.places.find((p) => p.externalId === '01B01')!;
    expect(osz.input).toMatchObject({
      type: 'berufsschule',
      address: { street: 'Alt-Moabit 10', postcode: '10557' },
    });
    expect(osz.input.location!.lon).toBeCloseTo(13.34, 1);
    expect(osz.input.location!.lat).toBeCloseTo(52.52, 1);

    const districts = (json('berlin-lor', 'geo', 'berlin-lor-districts.geojson') as Fc).features.map((f) => ({
      id: String(f.properties.name),
      geometry: f.geometry,
      bbox: (f.properties.bounding_box as number[]) ?? null,
    }));
    const bezirkOf = new Map(
      (json('berlin-lor', 'schulen', 'schulen_wfs_2023.geojson') as Fc).features.map((f) => [
        String(f.properties.bsn),
        String(f.properties.bezirk),
      ]),
    );
    let agree = 0;
    for (const p of r.places) {
      if (areaOfPoint(p.input.location!, districts)?.id === bezirkOf.get(p.externalId!)) agree++;
    }
    console.info(`Schulen Berlin im genannten Bezirk: ${agree}/${r.places.length}`);
    expect(agree / r.places.length).toBeGreaterThan(0.97);
  });
});

describeWithData('nrw-schulen', 'Bildungswegweiser: Import des NRW-Schulverzeichnisses (CSV, UTM 32)', () => {
  it('takes the schools, reprojects them and finds each in the Kreis of its Gemeindeschlüssel', () => {
    const text = Buffer.from(readShared('nrw-schulen', 'schuldaten_nrw_2021.csv')).toString('latin1');
    const utf8 = Buffer.from(readShared('nrw-schulen', 'schuldaten_nrw_2021.csv')).toString('utf8');
    const r = parseDirectoryList(utf8.includes('\uFFFD') ? text : utf8);
    expect(r.preset).toBe('nrw-schulen');
    console.info(
      `Schulen NRW: ${r.rows} Zeilen, ${r.places.length} übernommen, ${r.refused} abgelehnt, ${r.duplicates} doppelt`,
      r.problems.slice(0, 5),
    );
    expect(r.places.length + r.refused + r.duplicates).toBe(r.rows);
    expect(r).toMatchObject({ rows: 5507, refused: 0, duplicates: 2 });
    // The header is line 2 (after „sep=;“): the first school is line 3.
    expect(r.places[0]!.line).toBe(3);
    expect(r.places[0]!.input.address).toMatchObject({
      street: 'Girondelle 80',
      postcode: '44799',
      city: 'Bochum',
    });

    const kreise = (json('geoGermany-vg5000-2021', 'Ebene_Kreise.geojson') as Fc).features
      .filter((f) => String(f.properties.ARS).startsWith('05'))
      .map((f) => ({ id: String(f.properties.ARS), geometry: f.geometry, bbox: null }));
    expect(kreise.length).toBe(53);
    const gkz = new Map<string, string>();
    for (const line of (utf8.includes('\uFFFD') ? text : utf8).split('\n').slice(2)) {
      const c = line.split(';').map((x) => x.replace(/^"|"$/g, ''));
      if (c[0]) gkz.set(c[0], c[17] ?? '');
    }
    let agree = 0;
    for (const p of r.places) {
      if (areaOfPoint(p.input.location!, kreise)?.id === gkz.get(p.externalId!)?.slice(0, 5)) agree++;
    }
    console.info(`Schulen NRW im Kreis ihres Gemeindeschlüssels: ${agree}/${r.places.length}`);
    expect(agree / r.places.length).toBeGreaterThan(0.97);
  });
});
