// The header indicator's data: fetched on start, whenever my unread totals
// change (pushed live; polled while the socket is down), and whenever a page
// asks (after it marked a thread read).
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { backoffice, type BackofficeUnread } from '../api';
import { ofTypes, useLiveRefresh } from './live';

export interface UnreadState {
  unread: BackofficeUnread | null;
  /** fetch now, e.g. after a page marked a thread read */
  refresh(): void;
}

// refetched rather than taken from the frame, so the dropdown always shows one consistent read of the latest four
const unreadChanged = ofTypes('unread.changed');

export function useUnreadIndicator(): UnreadState {
  const [unread, setUnread] = useState<BackofficeUnread | null>(null);
  const refresh = useCallback(() => {
    backoffice.unread().then(setUnread, () => undefined);
  }, []);
  useEffect(refresh, [refresh]);
  useLiveRefresh(refresh, unreadChanged);
  return { unread, refresh };
}

export const UnreadContext = createContext<UnreadState>({ unread: null, refresh: () => undefined });
export const useUnread = () => useContext(UnreadContext);
