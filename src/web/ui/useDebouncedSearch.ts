// Results as you type: the search runs once typing pauses, and an answer that
// arrives after a newer query was sent is dropped, so the list always shows
// the last query's results.
import { useEffect, useRef, useState } from 'react';

export interface DebouncedSearch<T> {
  result: T | undefined;
  loading: boolean;
  error: unknown;
}

/** `key` null: nothing to search (the results are cleared). */
export function useDebouncedSearch<T>(key: string | null, run: () => Promise<T>, delayMs = 250): DebouncedSearch<T> {
  const [state, setState] = useState<DebouncedSearch<T>>({ result: undefined, loading: false, error: null });
  const latest = useRef(0);
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const ticket = ++latest.current;
    if (key === null) {
      setState({ result: undefined, loading: false, error: null });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      runRef.current().then(
        (result) => ticket === latest.current && setState({ result, loading: false, error: null }),
        (error: unknown) => ticket === latest.current && setState({ result: undefined, loading: false, error }),
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return state;
}
