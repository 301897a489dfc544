// Loads what a screen shows and keeps its loading and error state. A newer
// load wins over a slower older one, and the last answer stays on screen
// while the next one loads, so a refresh never blanks the page.
import { useCallback, useEffect, useMemo, useRef, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { toApiError, type ApiError } from './api';

export interface Loaded<T> {
  /** undefined until the first answer */
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** replace the data locally, e.g. with what a write answered */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/** `load` is null while there is nothing to load yet; `deps` are what it depends on, as with useEffect. */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const generation = useRef(0);

  // a new function every render: `deps` say when it is really another load
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useMemo(() => load, deps);
  const reload = useCallback(() => {
    if (!run) return;
    const mine = ++generation.current;
    setLoading(true);
    run().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(toApiError(err));
        setLoading(false);
      },
    );
  }, [run]);

  useEffect(reload, [reload]);
  return { data, error, loading, reload, setData };
}
