import { useCallback, useEffect, useState } from 'react';
import type { ImportRunDetail } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { BUSY_STATUSES } from './shared';

const POLL_MS = 500;

/** Loads an import run and polls it every 500 ms while its background job is busy. */
export function useImportRun(apiBase: string, runId: string) {
  const [run, setRun] = useState<ImportRunDetail | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const r = await api.get<ImportRunDetail>(`${apiBase}/imports/${seg(runId)}`);
        if (!alive) return;
        setRun(r);
        setError(undefined);
        if (BUSY_STATUSES.has(r.status)) timer = setTimeout(() => void load(), POLL_MS);
      } catch (e) {
        if (!alive) return;
        const f = toFailure(e);
        setError(f);
        // A passing network problem: try again a little later.
        if (f.status === 0) timer = setTimeout(() => void load(), POLL_MS * 4);
      }
    };
    void load();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [apiBase, runId, round]);

  const refresh = useCallback(() => setRound((r) => r + 1), []);
  return { run, error, refresh };
}
