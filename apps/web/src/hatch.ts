/**
 * An 8×8 diagonal hatch as RGBA pixels for MapLibre's `addImage` — the pattern of areas without a value
 * (withheld or missing), in the workbench map and on the public map.
 */
export function hatchImage(
  line: readonly [number, number, number],
  ground: readonly [number, number, number],
): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const [r, g, b] = (x + y) % size <= 1 ? line : ground;
      const o = (y * size + x) * 4;
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = 255;
    }
  return { width: size, height: size, data };
}
