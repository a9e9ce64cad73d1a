import type { ApiError } from '@dkbm/contract';

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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
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

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 403 && method !== 'GET') {
    const failure = await failureOf(res.clone());
    if (failure.code === 'csrf') {
      // The token went stale (e.g. after a new login in another tab): fetch a fresh one and retry once.
      const session = await send('GET', '/api/auth/session');
      if (session.ok) setCsrfToken(((await session.json()) as { csrfToken: string }).csrfToken);
      res = await send(method, path, body);
    }
  }
  if (!res.ok) {
    const failure = await failureOf(res);
    if (failure.status === 401 && failure.code === 'unauthorized') onUnauthorized?.();
    throw failure;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Any thrown value as an ApiFailure. */
export function toFailure(e: unknown): ApiFailure {
  if (e instanceof ApiFailure) return e;
  return new ApiFailure(0, 'client', e instanceof Error ? e.message : String(e));
}

/** Path segment, URL-encoded. */
export const seg = (v: string) => encodeURIComponent(v);
