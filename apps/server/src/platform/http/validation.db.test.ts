import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { newClient, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';

/*
 * No raw validator text reaches a user: every route of the API that takes a JSON body is sent invalid
 * input, and every 400 answer must be German, name the field in German words and contain nothing of
 * zod's English messages (e.g. „body.token: Too small: expected string to have >=20 characters“).
 */

const ENGLISH =
  /expected|received|too (small|big)|invalid (input|option|string|type|element|union)|required|must be|characters|body\.|querystring\./i;

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content?: Record<string, { schema?: { properties?: Record<string, unknown>; type?: string } }>;
        };
      }
    >
  >;
}

describe(`validation messages on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: AddressedClient;
  let M: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
  });
  afterAll(async () => t?.close());

  it('every JSON route answers invalid input in German, with German field names', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi;
    const checked: string[] = [];
    const identifiers = new Set<string>();
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        const url = path
          .replace('{tenantId}', M)
          .replace('{componentKey}', 'koordination')
          .replace('{token}', 'x'.repeat(24))
          .replace(/\{[^}]+\}/g, '5b0f6c1e-8d2a-4e3b-9c4d-1a2b3c4d5e6f');
        // Every property with a value of the wrong kind, and an empty body.
        const wrong = Object.fromEntries(
          Object.keys(schema.properties ?? {}).map((k) => [k, { falsch: [1] }]),
        );
        for (const payload of [wrong, {}]) {
          const res = await admin.request({ method: method.toUpperCase() as 'POST', url, payload });
          if (res.statusCode !== 400) continue;
          const body = res.json() as { error: string; message: string; details?: Array<{ message: string }> };
          const where = `${method.toUpperCase()} ${path} ${JSON.stringify(payload)}`;
          expect(body.message, where).not.toMatch(ENGLISH);
          for (const d of body.details ?? []) expect(d.message, where).not.toMatch(ENGLISH);
          if (body.error === 'validation') {
            expect(body.message, where).toMatch(/^(Bitte prüfen Sie Ihre Eingaben: „|Die Anfrage ist)/);
            // Fields by their German names („Titel“, „Neues Passwort“), never identifiers („newPassword“).
            const texts = [body.message, ...(body.details ?? []).map((d) => d.message)].join(' ');
            for (const label of texts.match(/„[^“]*“/g) ?? []) {
              if (!/^„[A-ZÄÖÜ]/.test(label)) identifiers.add(label);
            }
            checked.push(where);
          }
        }
      }
    }
    // The sweep reached the routes (not a test that cannot fail).
    expect(checked.length).toBeGreaterThan(30);
    expect([...identifiers]).toEqual([]);
  });

  it('a round with a title that is too long: the field by its German name', async () => {
    const res = await admin.post(`/api/tenants/${M}/assessment/rounds`, {
      title: 'x'.repeat(300),
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'validation',
      message: 'Bitte prüfen Sie Ihre Eingaben: „Titel“ darf höchstens 200 Zeichen lang sein.',
      details: [{ field: 'body.title', message: '„Titel“ darf höchstens 200 Zeichen lang sein.' }],
    });
  });

  it('a reset link that is malformed, unknown or expired: one German answer, checked before the form', async () => {
    const anon = newClient(t);
    for (const token of ['x', 'ein-link-den-es-nicht-gibt-und-der-lang-genug-ist']) {
      const post = await anon.post('/api/auth/reset', { token, newPassword: 'ein-sicheres-passwort' });
      expect(post.statusCode).toBe(400);
      expect(post.json()).toMatchObject({
        error: 'invalid_token',
        message: 'Der Link ist ungültig oder abgelaufen.',
      });
      const check = await anon.get(`/api/auth/reset/${token}`);
      expect(check.statusCode).toBe(404);
      expect(check.json()).toMatchObject({ error: 'invalid_token' });
    }
  });
});
