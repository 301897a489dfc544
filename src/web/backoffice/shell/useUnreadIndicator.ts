// The header indicator's data. It polls every 10 s while the tab is visible;
// live push will replace the timer without changing what callers see.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api, type UnreadIndicator } from '../api';

export const POLL_MS = 10_000;

export interface UnreadState {
  unread: UnreadIndicator | null;
  /** fetch now, e.g. after a page marked a thread read */
  refresh(): void;
}

export function useUnreadIndicator(): UnreadState {
  const [unread, setUnread] = useState<UnreadIndicator | null>(null);
  const refresh = useCallback(() => {
    api.get<UnreadIndicator>('/unread').then(setUnread, () => undefined);
  }, []);

  useEffect(() => {
    refresh();
    let timer: number | undefined;
    const schedule = () => {
      window.clearInterval(timer);
      if (document.visibilityState === 'visible') timer = window.setInterval(refresh, POLL_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') refresh();
      schedule();
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh]);

  return { unread, refresh };
}

export const UnreadContext = createContext<UnreadState>({ unread: null, refresh: () => undefined });
export const useUnread = () => useContext(UnreadContext);
