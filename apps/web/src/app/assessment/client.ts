/**
 * API access of the self-assessment pages. api.ts covers GET/POST/PATCH/DELETE; the assessment API also
 * uses PUT (answers, framework conditions, consolidation, goals) and a multipart upload (evidence), which
 * are sent here with the same CSRF handling (token from the session, one retry when it went stale).
 */
import type { ApiError } from '@dkbm/contract';
import { ApiFailure, seg, setCsrfToken } from '../api';
import { useTenant } from '../tenant';

let token: string | null = null;

async function freshToken(): Promise<string> {
  const res = await fetch('/api/auth/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!res.ok)
    throw new ApiFailure(res.status, 'http_' + res.status, 'Die Sitzung konnte nicht geladen werden.');
  const t = ((await res.json()) as { csrfToken: string }).csrfToken;
  setCsrfToken(t);
  token = t;
  return t;
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

async function sendWithToken(path: string, init: (csrf: string) => RequestInit): Promise<Response> {
  const attempt = async (csrf: string) => {
    try {
      return await fetch(path, { credentials: 'same-origin', ...init(csrf) });
    } catch {
      throw new ApiFailure(0, 'network', 'Der Server ist nicht erreichbar.');
    }
  };
  let res = await attempt(token ?? (await freshToken()));
  if (res.status === 403) {
    const failure = await failureOf(res.clone());
    if (failure.code === 'csrf') res = await attempt(await freshToken());
  }
  return res;
}

async function parse<T>(res: Response): Promise<T> {
  if (!res.ok) throw await failureOf(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** PUT with a JSON body. */
export async function put<T>(path: string, body: unknown): Promise<T> {
  const res = await sendWithToken(path, (csrf) => ({
    method: 'PUT',
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body ?? {}),
  }));
  return parse<T>(res);
}

/** Multipart upload of one file in the field `file`. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const res = await sendWithToken(path, (csrf) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return { method: 'POST', headers: { accept: 'application/json', 'x-csrf-token': csrf }, body };
  });
  return parse<T>(res);
}

/** API base (/api/tenants/<id>/assessment) and workbench base (/t/<slug>/selbsteinschaetzung). */
export function useBases(): { api: string; app: string; tenantApi: string } {
  const tenant = useTenant();
  const tenantApi = `/api/tenants/${seg(tenant.tenantId)}`;
  return { api: `${tenantApi}/assessment`, app: `/t/${tenant.slug}/selbsteinschaetzung`, tenantApi };
}

export { seg };
