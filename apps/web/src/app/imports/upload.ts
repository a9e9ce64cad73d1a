import type { ApiError, ImportRun } from '@dkbm/contract';
import { ApiFailure, seg, setCsrfToken } from '../api';

/** The current CSRF token from the session (also handed to api.ts so that both stay in step). */
export async function currentCsrfToken(): Promise<string> {
  const res = await fetch('/api/auth/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!res.ok)
    throw new ApiFailure(res.status, 'http_' + res.status, 'Die Sitzung konnte nicht geladen werden.');
  const token = ((await res.json()) as { csrfToken: string }).csrfToken;
  setCsrfToken(token);
  return token;
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
      : `Das Hochladen ist fehlgeschlagen (${res.status}).`,
    payload?.details,
  );
}

/**
 * Upload a file for import (multipart/form-data, field `file`). The server answers 202 with the new
 * run; its analysis runs as a background job.
 */
export async function uploadImport(tenantId: string, file: File): Promise<ImportRun> {
  const send = async (token: string) => {
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      return await fetch(`/api/tenants/${seg(tenantId)}/imports`, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-csrf-token': token },
      });
    } catch {
      throw new ApiFailure(0, 'network', 'Der Server ist nicht erreichbar.');
    }
  };
  const res = await send(await currentCsrfToken());
  if (!res.ok) throw await failureOf(res);
  return (await res.json()) as ImportRun;
}
