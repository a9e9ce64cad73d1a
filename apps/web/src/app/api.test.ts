import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { api, ApiFailure, getObservations, setCsrfToken } from './api';

/* The one HTTP client of the workbench: methods, CSRF, uploads, German errors, contract parsing. */

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeServer(answers: Array<(call: Call) => Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = {
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body,
    };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${call.method} ${url}`);
    return answer(call);
  });
  return calls;
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api', () => {
  it('PUT sends JSON with the CSRF token', async () => {
    setCsrfToken('t1');
    const calls = fakeServer([() => json(200, { ok: true })]);
    expect(await api.put('/api/x', { a: 1 })).toEqual({ ok: true });
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 't1' },
      body: '{"a":1}',
    });
  });

  it('upload sends the file as multipart/form-data in the field „file“ with the CSRF token', async () => {
    setCsrfToken('t2');
    const calls = fakeServer([() => json(202, { id: 'r1' })]);
    const file = new File(['a;b\n1;2'], 'daten.csv', { type: 'text/csv' });
    expect(await api.upload('/api/up', file)).toEqual({ id: 'r1' });
    const sent = calls[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.headers['x-csrf-token']).toBe('t2');
    // The browser sets the multipart content type with its boundary.
    expect(sent.headers['content-type']).toBeUndefined();
    const part = (sent.body as FormData).get('file') as File;
    expect([part.name, await part.text()]).toEqual(['daten.csv', 'a;b\n1;2']);
  });

  it('a stale CSRF token is renewed from the session and the request sent once more (uploads too)', async () => {
    setCsrfToken('alt');
    const calls = fakeServer([
      () => json(403, { error: 'csrf', message: 'Sicherheitsmerkmal abgelaufen.' }),
      () => json(200, { csrfToken: 'neu' }),
      () => json(202, { id: 'r2' }),
    ]);
    const file = new File(['x'], 'a.csv');
    expect(await api.upload('/api/up', file)).toEqual({ id: 'r2' });
    expect(calls.map((c) => [c.method, c.url, c.headers['x-csrf-token']])).toEqual([
      ['POST', '/api/up', 'alt'],
      ['GET', '/api/auth/session', undefined],
      ['POST', '/api/up', 'neu'],
    ]);
  });

  it('an error answer becomes an ApiFailure with the server’s German message and field', async () => {
    fakeServer([
      () =>
        json(409, {
          error: 'conflict',
          message: 'Die E-Mail-Adresse ist vergeben.',
          details: { field: 'email' },
        }),
    ]);
    const failure = await api.post('/api/x', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'Die E-Mail-Adresse ist vergeben.',
      field: 'email',
    });
  });

  it('a response is parsed with the contract schema: extra fields dropped, a wrong shape refused in German', async () => {
    const schema = z.object({ id: z.string(), count: z.number() });
    fakeServer([() => json(200, { id: 'a', count: 2, secret: 'x' })]);
    expect(await api.get('/api/a', schema)).toEqual({ id: 'a', count: 2 });
    fakeServer([() => json(200, { id: 'a', count: 'zwei' })]);
    await expect(api.get('/api/a?x=1', schema)).rejects.toMatchObject({
      code: 'invalid_response',
      message: 'Die Antwort des Servers auf /api/a hat nicht die erwartete Form (Feld „count“).',
    });
  });

  it('a server that cannot be reached is reported in German', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(api.del('/api/x')).rejects.toMatchObject({
      status: 0,
      code: 'network',
      message: 'Der Server ist nicht erreichbar.',
    });
  });

  it('an observations read follows `nextOffset` until the last page and puts the pages together', async () => {
    const cell = (n: number) => ({ areaId: `a${n}`, period: '2024-12-31', value: String(n) });
    const page = (cells: number[], nextOffset: number | null) =>
      json(200, { indicatorId: 'i', view: 'internal', observations: cells.map(cell), nextOffset });
    const calls = fakeServer([() => page([1, 2], 2), () => page([3, 4], 4), () => page([5], null)]);
    const all = await getObservations('/api/t/indicators/i/observations?periods=2024-12-31');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/t/indicators/i/observations?periods=2024-12-31',
      '/api/t/indicators/i/observations?periods=2024-12-31&offset=2',
      '/api/t/indicators/i/observations?periods=2024-12-31&offset=4',
    ]);
    expect(all.observations.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(all).toMatchObject({ indicatorId: 'i', view: 'internal', nextOffset: null });
    fakeServer([() => page([1], 1), () => page([2], null)]);
    expect((await getObservations('/api/t/indicators/i/observations')).observations).toHaveLength(2);
  });
});
