// "Something may have changed" signals: pushed over the live socket, or a poll
// every 10 s while the tab is visible until the socket is up. The screens only
// call useLiveRefresh() and never know which.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { createLiveClient, createLiveRefreshSource, type LiveClient } from '../ui/live';

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

export interface Live {
  source: LiveSource;
  /** the socket, for typing signals and its state; null until created (or without WebSocket) */
  client: LiveClient | null;
}

/** Live push once the socket is open (polling while it is down), polling alone before that. */
export function useLiveConnection(): Live {
  const [live, setLive] = useState<Live>(() => ({ source: createPollingSource(), client: null }));
  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    const client = createLiveClient({ path: '/api/live' });
    setLive({ source: createLiveRefreshSource(client, POLL_MS), client });
    return () => client.close();
  }, []);
  return live;
}

const LiveContext = createContext<Live | null>(null);

export function LiveProvider({ live, children }: { live: Live; children: ReactNode }) {
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export const useLiveClient = () => useContext(LiveContext)?.client ?? null;

/**
 * Calls `refresh` on every signal; the latest closure is always used. A burst
 * of signals (a message and the unread change it caused) makes one refresh.
 */
export function useLiveRefresh(refresh: () => void) {
  const source = useContext(LiveContext)?.source;
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
