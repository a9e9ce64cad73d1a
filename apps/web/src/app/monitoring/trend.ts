/** Sparkline geometry and trend wording for the area profile (pure). */

export interface SparkPoint {
  x: number;
  y: number;
  i: number;
}

/**
 * SVG path of a small line chart; missing values break the line. y grows downwards, the highest value
 * is at `pad`, the lowest at `height - pad`; a flat series lies in the middle.
 */
const round1 = (v: number) => Math.round(v * 10) / 10;

export function sparklinePath(
  values: ReadonlyArray<number | null>,
  width: number,
  height: number,
  pad = 3,
): { d: string; points: SparkPoint[] } {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (nums.length === 0) return { d: '', points: [] };
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const n = values.length;
  const x = (i: number) => (n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - v) * (height - 2 * pad)) / (max - min));
  const points: SparkPoint[] = [];
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const p = { x: round1(x(i)), y: round1(y(v)), i };
    points.push(p);
    d += `${pen ? 'L' : 'M'}${p.x} ${p.y}`;
    pen = true;
  });
  return { d, points };
}

/** Direction between the first and the last value, compared at the displayed precision. */
export function trendDirection(
  values: ReadonlyArray<number | null>,
  decimals: number,
): 'up' | 'down' | 'flat' | null {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (nums.length < 2) return null;
  const f = 10 ** decimals;
  const a = Math.round(nums[0]! * f);
  const b = Math.round(nums[nums.length - 1]! * f);
  return b > a ? 'up' : b < a ? 'down' : 'flat';
}
