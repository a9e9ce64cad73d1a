import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, stopServer, tempDir, waitHealthy, type ServerProcess } from '../../test/processes';

/**
 * `npm start` on an empty data directory: the demo municipality's published entitlement scenario is on
 * the public portal, with figures, and the portal start page links it.
 */
describe('built server on a fresh demo: public entitlement summary', () => {
  let dir = '';
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopServer(server);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves /kommune/musterstadt/rechtsanspruch with the figures of „Bedarf 70 %“, linked from the start page', async () => {
    dir = tempDir('entitlement-public');
    // The first start seeds the demo: on a busy machine this takes longer than the usual minute.
    server = await startServer({ DATA_DIR: dir }, { waitHealthy: false });
    await waitHealthy(server, 240_000);
    const get = (p: string) => fetch(`${server!.url}${p}`, { headers: { accept: 'text/html' } });
    const landing = await get('/kommune/musterstadt');
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('href="/kommune/musterstadt/rechtsanspruch"');
    const page = await get('/kommune/musterstadt/rechtsanspruch');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Bedarf 70 %');
    expect(html).not.toContain('Bedarf 90 %');
    expect(html).not.toContain('<script');
    // The city total of 2029/30 (grades 1–4): children in thousands with a German separator.
    const total = /<tr><th scope="row">2029\/30<\/th><td[^>]*>(\d{1,3}\.\d{3})<\/td>/.exec(html);
    expect(total, 'Stadtsumme 2029/30').not.toBeNull();
  }, 300_000);
});
