// The header indicator's data: fetched on start, on every poll, and whenever
// a page asks (after it marked a thread read).
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api, type UnreadIndicator } from '../api';
import { usePolling } from './usePolling';

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
  useEffect(refresh, [refresh]);
  usePolling(refresh);
  return { unread, refresh };
}

export const UnreadContext = createContext<UnreadState>({ unread: null, refresh: () => undefined });
export const useUnread = () => useContext(UnreadContext);
