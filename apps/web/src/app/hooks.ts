import { useCallback, useEffect, useRef, useState } from 'react';
import { toFailure, type ApiFailure } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiFailure | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads data when `key` changes (and on reload()); stale answers of earlier keys are dropped. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const loader = useRef(load);
  loader.current = load;
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ data?: T; error?: ApiFailure; loading: boolean }>({ loading: true });

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    loader.current().then(
      (data) => current && setState({ data, loading: false }),
      (e: unknown) => current && setState({ error: toFailure(e), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
