import { describe, expect, it } from 'vitest';
import { hatchImage } from './hatch';

describe('hatchImage', () => {
  it('draws two-pixel diagonals in the line colour on the ground colour, opaque', () => {
    const h = hatchImage([1, 2, 3], [200, 201, 202]);
    expect([h.width, h.height, h.data.length]).toEqual([8, 8, 256]);
    const px = (x: number, y: number) => [...h.data.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([1, 2, 3, 255]);
    expect(px(1, 0)).toEqual([1, 2, 3, 255]);
    expect(px(7, 1)).toEqual([1, 2, 3, 255]);
    expect(px(2, 0)).toEqual([200, 201, 202, 255]);
    expect(px(3, 4)).toEqual([200, 201, 202, 255]);
    // Each row holds exactly two line pixels.
    for (let y = 0; y < 8; y++)
      expect([0, 1, 2, 3, 4, 5, 6, 7].filter((x) => px(x, y)[0] === 1)).toHaveLength(2);
  });
});
