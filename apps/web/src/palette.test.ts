import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import palette from './palette.css?raw';
import { publicCss } from './public/styles';

/* One palette for the workbench and the public portal: src/palette.css, and no second :root anywhere. */

const cssFiles = (dir: URL): URL[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const url = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory()) return cssFiles(url);
    return e.name.endsWith('.css') ? [url] : [];
  });

describe('palette', () => {
  it('the portal stylesheet starts with the palette and defines no colours of its own', () => {
    expect(publicCss.startsWith(palette)).toBe(true);
    expect(publicCss.match(/:root/g)).toHaveLength(1);
  });

  it('the workbench imports the palette, and no other stylesheet defines custom properties in :root', () => {
    const app = new URL('./app/', import.meta.url);
    expect(fs.readFileSync(new URL('styles.css', app), 'utf8')).toContain("@import '../palette.css';");
    const others = cssFiles(app).filter((f) => /:root/.test(fs.readFileSync(f, 'utf8')));
    expect(others.map((f) => f.pathname)).toEqual([]);
  });

  it('has the colours both use', () => {
    for (const name of [
      '--fg',
      '--muted',
      '--bg',
      '--accent',
      '--accent-fg',
      '--line',
      '--focus',
      '--warn-bg',
      '--warn-fg',
    ])
      expect(palette, name).toMatch(new RegExp(`${name}:\\s*#[0-9a-f]{3,6};`));
  });
});
