import type { ApiError, ObservationsResponse } from '@dkbm/contract';

/** A zod schema of the contract, as far as the client needs it (parse a response body). */
export interface ResponseSchema<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[] }> } };
}

/** A failed API call: HTTP status (0 when the server was not reached), error code and German message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** The field named in `details` (e.g. 409 on an e-mail address that is taken), if any. */
  get field(): string | undefined {
    const d = this.details as { field?: unknown } | undefined;
    return d && typeof d.field === 'string' ? d.field : undefined;
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

/** The token from the latest session or login response; sent with every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a signed-in request (the session has expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a request sends: nothing (GET), a JSON body, or one file as multipart/form-data (field `file`). */
type Payload = { json: unknown } | { file: File } | null;

async function send(method: Method, path: string, payload: Payload): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (payload && 'file' in payload) {
    const body = new FormData();
    body.append('file', payload.file, payload.file.name);
    init.body = body;
  } else if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(payload?.json ?? {});
  }
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiFailure(0, 'network', 'Der Server ist nicht erreichbar.');
  }
}

async function failureOf(res: Response): Promise<ApiFailure> {
  let payload: Partial<ApiError> | null = null;
  try {
    payload = (await res.json()) as Partial<ApiError>;
  } catch {
    payload = null;
  }
  return new ApiFailure(
    res.status,
    typeof payload?.error === 'string' ? payload.error : 'http_' + res.status,
    typeof payload?.message === 'string'
      ? payload.message
      : `Die Anfrage ist fehlgeschlagen (${res.status}).`,
    payload?.details,
  );
}

/**
 * A response body parsed with the contract's schema. A body that does not match is a defect of client
 * or server: it fails with a German message that names the request, not with a cast that breaks later.
 */
function parsed<T>(path: string, data: unknown, schema: ResponseSchema<T> | undefined): T {
  if (!schema) return data as T;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` (Feld „${issue.path.join('.')}“)` : '';
  throw new ApiFailure(
    0,
    'invalid_response',
    `Die Antwort des Servers auf ${path.split('?')[0]} hat nicht die erwartete Form${where}.`,
  );
}

async function request<T>(
  method: Method,
  path: string,
  payload: Payload,
  schema?: ResponseSchema<T>,
): Promise<T> {
  let res = await send(method, path, payload);
  if (res.status === 403 && method !== 'GET') {
    const failure = await failureOf(res.clone());
    if (failure.code === 'csrf') {
      // The token went stale (e.g. after a new login in another tab): fetch a fresh one and retry once.
      const session = await send('GET', '/api/auth/session', null);
      if (session.ok) setCsrfToken(((await session.json()) as { csrfToken: string }).csrfToken);
      res = await send(method, path, payload);
    }
  }
  if (!res.ok) {
    const failure = await failureOf(res);
    if (failure.status === 401 && failure.code === 'unauthorized') onUnauthorized?.();
    throw failure;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return parsed(path, text ? JSON.parse(text) : undefined, schema);
}

/**
 * The one HTTP client of the workbench: CSRF token on every state-changing request (one retry when it
 * went stale), German error messages from the server's error shape, and — when a schema of the
 * contract is given — the response parsed with it instead of cast.
 */
export const api = {
  get: <T>(path: string, schema?: ResponseSchema<T>) => request<T>('GET', path, null, schema),
  post: <T>(path: string, body?: unknown, schema?: ResponseSchema<T>) =>
    request<T>('POST', path, { json: body }, schema),
  put: <T>(path: string, body?: unknown, schema?: ResponseSchema<T>) =>
    request<T>('PUT', path, { json: body }, schema),
  patch: <T>(path: string, body?: unknown, schema?: ResponseSchema<T>) =>
    request<T>('PATCH', path, { json: body }, schema),
  del: <T = void>(path: string, schema?: ResponseSchema<T>) => request<T>('DELETE', path, null, schema),
  /** One file as multipart/form-data in the field `file` (POST). */
  upload: <T>(path: string, file: File, schema?: ResponseSchema<T>) =>
    request<T>('POST', path, { file }, schema),
};

/**
 * All cells of an observations read (`…/observations?…`): the server answers in pages of at most
 * OBSERVATIONS_PAGE cells; the pages are fetched one after another and put together.
 */
export async function getObservations(path: string): Promise<ObservationsResponse> {
  const first = await api.get<ObservationsResponse>(path);
  const observations = first.observations;
  for (let next = first.nextOffset; next !== null;) {
    const page = await api.get<ObservationsResponse>(
      `${path}${path.includes('?') ? '&' : '?'}offset=${next}`,
    );
    // Large pages are appended one by one (a spread of 20,000 arguments can overflow the stack).
    for (const o of page.observations) observations.push(o);
    next = page.nextOffset;
  }
  return { ...first, observations, nextOffset: null };
}

/** Any thrown value as an ApiFailure. */
export function toFailure(e: unknown): ApiFailure {
  if (e instanceof ApiFailure) return e;
  return new ApiFailure(0, 'client', e instanceof Error ? e.message : String(e));
}

/** Path segment, URL-encoded. */
export const seg = (v: string) => encodeURIComponent(v);
