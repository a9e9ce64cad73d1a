import crypto from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '@dkbm/contract';
import { TestClient, type TestContext } from './testApp';

/**
 * Shared helpers for the database-backed HTTP tests (auth, isolation, users, public).
 * Every client gets its own remote address so that rate limits keyed by address never couple tests.
 */

let addressCounter = 0;
/** A fresh, unique IPv4 address (10.x.y.z) for one simulated browser. */
export function nextAddress(): string {
  const n = addressCounter++;
  return `10.${Math.floor(n / 62_500) % 250}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

/** A TestClient that sends all its requests from one fixed remote address. */
export class AddressedClient extends TestClient {
  constructor(
    app: FastifyInstance,
    readonly remoteAddress: string = nextAddress(),
  ) {
    super(app);
  }
  override request(opts: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    return super.request({ remoteAddress: this.remoteAddress, ...opts });
  }
}

export const newClient = (t: TestContext, address?: string) => new AddressedClient(t.app, address);

/** Sign in from a fresh address; throws with the response when the login fails. */
export async function signInFresh(t: TestContext, email: string, password: string): Promise<AddressedClient> {
  const c = newClient(t);
  const res = await c.login(email, password);
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  return c;
}

/** A unique, lower-case e-mail address. */
export function uniqueEmail(prefix: string, domain = 'test.example'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}@${domain}`.toLowerCase();
}

/** A unique password of at least 12 characters. */
export const uniquePassword = () => `pw-${crypto.randomBytes(9).toString('base64url')}`;

export async function tenantIdBySlug(t: TestContext, slug: string): Promise<string> {
  const rows = await t.database.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug]);
  if (!rows[0]) throw new Error(`tenant ${slug} not found`);
  return rows[0].id;
}

export async function userIdByEmail(t: TestContext, email: string): Promise<string> {
  const rows = await t.database.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [
    email,
  ]);
  if (!rows[0]) throw new Error(`user ${email} not found`);
  return rows[0].id;
}

export interface CreatedUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: Role;
}

/** Create a person with a start password through the API, as a tenant admin would. */
export async function createUserViaApi(
  admin: TestClient,
  tenantId: string,
  role: Role,
  opts: { email?: string; password?: string; displayName?: string } = {},
): Promise<CreatedUser> {
  const email = opts.email ?? uniqueEmail(`person-${role}`);
  const password = opts.password ?? uniquePassword();
  const displayName = opts.displayName ?? `Testperson ${role} ${crypto.randomBytes(3).toString('hex')}`;
  const res = await admin.post(`/api/tenants/${tenantId}/users`, {
    mode: 'password',
    email,
    displayName,
    role,
    password,
  });
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string } };
  return { id: body.user.id, email, password, displayName, role };
}

/** Invite through the API; returns the invitation id, the link and the raw token from the link. */
export async function inviteViaApi(admin: TestClient, tenantId: string, email: string, role: Role) {
  const res = await admin.post(`/api/tenants/${tenantId}/users`, { mode: 'invite', email, role });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { invitation: { id: string }; link: string };
  return { id: body.invitation.id, link: body.link, token: tokenFromLink(body.link) };
}

/** The one-time token at the end of an invitation or reset link. */
export function tokenFromLink(link: string): string {
  const token = new URL(link).pathname.split('/').filter(Boolean).pop();
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

export interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

/** Assert an API error response: status, error code and a non-empty message. */
export function expectApiError(res: LightMyRequestResponse, status: number, code: string): ApiErrorBody {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  const body = res.json() as ApiErrorBody;
  expect(body.error).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(body.message.length).toBeGreaterThan(0);
  return body;
}

/** The `details` of a validation error as a list of { field, message }. */
export function validationDetails(body: ApiErrorBody): Array<{ field: string; message: string }> {
  expect(Array.isArray(body.details), JSON.stringify(body)).toBe(true);
  return body.details as Array<{ field: string; message: string }>;
}

/** The session cookie value a client currently holds. */
export function sessionCookieOf(c: TestClient): string {
  const v = c.cookies.get('dkbm_session');
  if (!v) throw new Error('client holds no session cookie');
  return v;
}

/** A new client that only carries the given session cookie (a replayed or stolen cookie). */
export function clientWithSessionCookie(t: TestContext, cookie: string): AddressedClient {
  const c = newClient(t);
  c.cookies.set('dkbm_session', cookie);
  return c;
}

export const sha256Hex = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
