import type { DemoDistrictCharacter } from './types';
import { shuffle } from './rng';

export type CompassDirection = 'N' | 'O' | 'S' | 'W';

/** A candidate name; names with a direction are only used for districts lying in that direction. */
interface NameCandidate {
  name: string;
  direction?: CompassDirection;
}

/** Name of the innermost district (always character 'innenstadt'). */
export const CENTRE_DISTRICT_NAME = 'Altstadt';

/**
 * Fictional, plausible German district names per character. Pools are disjoint (names stay unique) and each
 * holds enough direction-free names for the maximum number of districts of that character.
 */
const NAME_POOLS: Record<DemoDistrictCharacter, readonly NameCandidate[]> = {
  innenstadt: [
    { name: 'Neustadt' },
    { name: 'Domviertel' },
    { name: 'Bahnhofsviertel' },
    { name: 'Schlossviertel' },
    { name: 'Am Marktbrunnen' },
    { name: 'Nordstadt', direction: 'N' },
    { name: 'Südstadt', direction: 'S' },
  ],
  familienquartier: [
    { name: 'Am Mühlenbach' },
    { name: 'Lindenhof' },
    { name: 'Sonnenfeld' },
    { name: 'Wiesengrund' },
    { name: 'Kirschgarten' },
    { name: 'Birkenhöhe' },
    { name: 'Am Lerchenberg' },
    { name: 'Westfeld', direction: 'W' },
    { name: 'Ostheide', direction: 'O' },
  ],
  grosswohnsiedlung: [
    { name: 'Hochfeld' },
    { name: 'Am Weißen Stein' },
    { name: 'Kranichsiedlung' },
    { name: 'Auenpark' },
    { name: 'Buchenring' },
    { name: 'Nordviertel', direction: 'N' },
    { name: 'Südring', direction: 'S' },
  ],
  villenviertel: [
    { name: 'Rosenhöhe' },
    { name: 'Am Schlosspark' },
    { name: 'Eichberg' },
    { name: 'Parkviertel' },
    { name: 'Sonnenhang' },
    { name: 'Am Königsweg' },
  ],
  dorfkern: [
    { name: 'Oberdorf' },
    { name: 'Niederbrück' },
    { name: 'Eschenrode' },
    { name: 'Waldhausen' },
    { name: 'Hohenfelde' },
    { name: 'Bärenbach' },
    { name: 'Gründorf' },
  ],
  gewerbemisch: [
    { name: 'Am Güterbahnhof' },
    { name: 'Hafenviertel' },
    { name: 'Ziegelei' },
    { name: 'Schmiedeviertel' },
    { name: 'Brückenviertel' },
    { name: 'Westend', direction: 'W' },
    { name: 'Ostend', direction: 'O' },
  ],
};

/** Compass direction of a point (local km, y = north) as seen from the centre. */
export function compassDirection([x, y]: [number, number]): CompassDirection {
  if (Math.abs(y) >= Math.abs(x)) return y >= 0 ? 'N' : 'S';
  return x >= 0 ? 'O' : 'W';
}

/**
 * Characters by rank (0 = centre). The inner ring is more urban, the outer ring more suburban or rural.
 * For ≥ 8 districts every character occurs at least once.
 */
export function assignCharacters(rng: () => number, count: number): DemoDistrictCharacter[] {
  const innerRing = shuffle<DemoDistrictCharacter>(rng, [
    'innenstadt',
    'familienquartier',
    'villenviertel',
    'gewerbemisch',
  ]);
  const outerTemplate: DemoDistrictCharacter[] = [
    'dorfkern',
    'grosswohnsiedlung',
    'familienquartier',
    'dorfkern',
    'gewerbemisch',
    'familienquartier',
    'villenviertel',
    'grosswohnsiedlung',
    'dorfkern',
    'familienquartier',
  ];
  const inner = innerRing.slice(0, Math.max(0, Math.min(innerRing.length, count - 1)));
  const outer = shuffle(rng, outerTemplate.slice(0, Math.max(0, count - 1 - inner.length)));
  return ['innenstadt', ...inner, ...outer];
}

/** Pick unique names; direction-bound names only where they fit the district's position. */
export function assignNames(
  rng: () => number,
  districts: ReadonlyArray<{ character: DemoDistrictCharacter; direction: CompassDirection }>,
): string[] {
  const used = new Set<string>([CENTRE_DISTRICT_NAME]);
  return districts.map(({ character, direction }, rank) => {
    if (rank === 0) return CENTRE_DISTRICT_NAME;
    const candidates = NAME_POOLS[character].filter(
      (c) => !used.has(c.name) && (c.direction === undefined || c.direction === direction),
    );
    const choice = candidates[Math.floor(rng() * candidates.length)];
    if (!choice) throw new Error(`No district name left for character ${character}`);
    used.add(choice.name);
    return choice.name;
  });
}
