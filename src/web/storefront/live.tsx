// "Something may have changed" signals: pushed over the live socket, or a poll
// every 10 s while the tab is visible until the socket is up. The screens only
// call useLiveRefresh() and never know which.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { createLiveClient, createLiveRefreshSource } from '../ui/live';

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

/** Live push once the socket is open (polling while it is down), polling alone before that. */
export function useLiveSource(): LiveSource {
  const [source, setSource] = useState<LiveSource>(() => createPollingSource());
  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    const client = createLiveClient({ path: '/api/live' });
    setSource(createLiveRefreshSource(client, POLL_MS));
    return () => client.close();
  }, []);
  return source;
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
