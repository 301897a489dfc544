// "Something may have changed" signals. Today a poll every 10 s while the tab
// is visible; a socket-backed LiveSource (src/web/ui/live.ts) can replace it
// without touching the screens, which only call useLiveRefresh().
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

export interface LiveSource {
  subscribe(onChange: () => void): () => void;
}

export const POLL_MS = 10_000;

export function createPollingSource(intervalMs = POLL_MS): LiveSource {
  const listeners = new Set<() => void>();
  let last = Date.now();
  let timer: number | undefined;
  const fire = () => {
    if (document.visibilityState !== 'visible') return;
    last = Date.now();
    listeners.forEach((l) => l());
  };
  // coming back to the tab catches up at once, but never more often than the interval
  const onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() - last >= intervalMs) fire();
  };
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      if (listeners.size === 1) {
        timer = window.setInterval(fire, intervalMs);
        document.addEventListener('visibilitychange', onVisible);
      }
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0) {
          window.clearInterval(timer);
          document.removeEventListener('visibilitychange', onVisible);
        }
      };
    },
  };
}

const LiveContext = createContext<LiveSource | null>(null);

export function LiveProvider({ source, children }: { source: LiveSource; children: ReactNode }) {
  return <LiveContext.Provider value={source}>{children}</LiveContext.Provider>;
}

/**
 * Calls `refresh` on every signal; the latest closure is always used. A burst
 * of signals (a message and the unread change it caused) makes one refresh.
 */
export function useLiveRefresh(refresh: () => void) {
  const source = useContext(LiveContext);
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let timer: number | undefined;
    const off = source?.subscribe(() => {
      timer ??= window.setTimeout(() => {
        timer = undefined;
        latest.current();
      }, 50);
    });
    return () => {
      off?.();
      window.clearTimeout(timer);
    };
  }, [source]);
}
