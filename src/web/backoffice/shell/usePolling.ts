import { useEffect, useRef } from 'react';

export const POLL_MS = 10_000;

/**
 * Calls `tick` every 10 s while the tab is visible, and at once when it comes
 * back into view. The one place to swap for live push: callers only say
 * "something may have changed, refresh".
 */
export function usePolling(tick: () => void, intervalMs = POLL_MS) {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    let timer: number | undefined;
    const schedule = () => {
      window.clearInterval(timer);
      if (document.visibilityState === 'visible') timer = window.setInterval(() => latest.current(), intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') latest.current();
      schedule();
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
}
