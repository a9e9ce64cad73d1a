import { buildDistrictCells } from './geometry';
import { assignCharacters, assignNames, compassDirection } from './names';
import { generatePopulation } from './population';
import { createRng } from './rng';
import type { DemoDistrict, DemoMunicipality, DemoMunicipalityOptions } from './types';

export const DEMO_DEFAULT_SEED = 20261122;
const DEFAULT_DISTRICT_COUNT = 12;
const MIN_DISTRICTS = 8;
const MAX_DISTRICTS = 15;

/** Independent sub-seed per concern, so e.g. the geometry does not change when the population model does. */
function deriveSeed(seed: number, stream: number): number {
  return Math.imul((seed ^ stream) >>> 0, 0x9e3779b1) >>> 0;
}

/**
 * Generate the fictional demo municipality "Musterstadt": districts (Voronoi polygons in central Germany)
 * and population by age group for each year. Pure and deterministic: same options → deep-equal result.
 */
export function generateDemoMunicipality(options: DemoMunicipalityOptions = {}): DemoMunicipality {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const districtCount = options.districtCount ?? DEFAULT_DISTRICT_COUNT;
  const firstYear = options.firstYear ?? 2019;
  const lastYear = options.lastYear ?? 2024;
  if (!Number.isInteger(districtCount) || districtCount < MIN_DISTRICTS || districtCount > MAX_DISTRICTS) {
    throw new RangeError(`districtCount must be an integer between ${MIN_DISTRICTS} and ${MAX_DISTRICTS}`);
  }
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
    throw new RangeError('firstYear and lastYear must be integers with firstYear <= lastYear');
  }
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');

  const cells = buildDistrictCells(createRng(deriveSeed(seed, 0x1)), districtCount);
  const labelRng = createRng(deriveSeed(seed, 0x2));
  const characters = assignCharacters(labelRng, districtCount);
  const names = assignNames(
    labelRng,
    cells.map((cell, i) => ({
      character: characters[i] ?? 'innenstadt',
      direction: compassDirection(cell.site),
    })),
  );

  const districts: DemoDistrict[] = cells.map((cell, i) => ({
    code: String(i + 1).padStart(2, '0'),
    name: names[i] ?? '',
    geometry: { type: 'Polygon', coordinates: [cell.ring] },
    centroid: cell.centroid,
    character: characters[i] ?? 'innenstadt',
  }));

  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const population = generatePopulation(createRng(deriveSeed(seed, 0x3)), districts, years);

  const positions = districts.flatMap((d) => d.geometry.coordinates.flat());
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const bbox: DemoMunicipality['bbox'] = [
    Math.min(...lons),
    Math.min(...lats),
    Math.max(...lons),
    Math.max(...lats),
  ];

  return { name: 'Musterstadt', districts, years, population, bbox };
}
