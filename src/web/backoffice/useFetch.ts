import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../ui/api';
import { api } from './api';

export interface Fetched<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** replace the data locally after a write answered with the new value */
  setData(value: T): void;
}

/** GETs `path` (null: nothing yet) and keeps the last answer while a new one loads. */
export function useFetch<T>(path: string | null): Fetched<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    api.get<T>(path).then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (e: ApiError) => {
        if (!current) return;
        setError(e);
        setLoading(false);
      },
    );
    // a slower earlier answer must not overwrite a newer one
    return () => {
      current = false;
    };
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}
