// The header indicator's data: fetched on start, whenever my unread totals
// change (pushed live; polled while the socket is down), and whenever a page
// asks (after it marked a thread read). The count also leads the tab title.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { useTitleUnread } from '../../ui/chat/useTitleUnread';
import { backoffice, type BackofficeUnread } from '../api';
import { ofTypes, useLiveRefresh } from './live';

export interface UnreadState {
  unread: BackofficeUnread | null;
  /** fetch now, e.g. after a page marked a thread read */
  refresh(): void;
}

// refetched rather than taken from the frame, so the dropdown always shows one consistent read of the latest four
const unreadChanged = ofTypes('unread.changed');

// an Administrator's count of the team's conversations waiting on staff moves with any public message or status change
const unreadOrTeamChanged = ofTypes('unread.changed', 'message.created', 'conversation.status_changed', 'conversation.deleted');

export function useUnreadIndicator(teamCount = false): UnreadState {
  const [unread, setUnread] = useState<BackofficeUnread | null>(null);
  const refresh = useCallback(() => {
    backoffice.unread().then(setUnread, () => undefined);
  }, []);
  useEffect(refresh, [refresh]);
  // for an Administrator a burst of messages across the team makes one refetch
  useLiveRefresh(refresh, teamCount ? unreadOrTeamChanged : unreadChanged, teamCount ? 600 : 150);
  useTitleUnread(unread?.count ?? 0);
  return { unread, refresh };
}

export const UnreadContext = createContext<UnreadState>({ unread: null, refresh: () => undefined });
export const useUnread = () => useContext(UnreadContext);
