// The unread total for the menu badge: fetched once, again on every live
// signal, and at once after the user reads something so badges drop together.
// The same total leads the tab title, and a message from someone else that
// arrives while the tab is hidden becomes a desktop notification (if allowed).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { notifyWhileHidden } from '../ui/chat/desktopNotifications';
import { useTitleUnread } from '../ui/chat/useTitleUnread';
import { useLiveEvent } from '../ui/live';
import { markdownToText } from '../ui/markdown';
import { storefront } from './api';
import { useLiveClient, useLiveRefresh } from './live';
import { conversationPath } from './paths';
import { navigate } from './router';
import { useSession } from './session';

interface UnreadState {
  total: number;
  refresh(): void;
}

const UnreadContext = createContext<UnreadState>({ total: 0, refresh: () => undefined });

export function UnreadProvider({ children }: { children: ReactNode }) {
  const [total, setTotal] = useState(0);
  // a failure keeps the last total: the next signal tries again (a lost session is the API client's to handle)
  const refresh = useCallback(() => {
    storefront.unread().then(
      (u) => setTotal(u.total),
      () => undefined,
    );
  }, []);
  useEffect(refresh, [refresh]);
  useLiveRefresh(refresh);
  useTitleUnread(total);
  const { user } = useSession();
  useLiveEvent(useLiveClient(), 'message.created', ({ data: { message: m } }) => {
    const mine = m.author?.kind === 'customer_user' && m.author.userId === user?.id;
    if (mine || m.type !== 'text') return;
    notifyWhileHidden(`${m.author?.name ?? 'New message'}`, {
      body: markdownToText(m.body),
      tag: `conversation-${m.conversationId}`,
      onClick: () => navigate(conversationPath(m.conversationId)),
    });
  });
  return <UnreadContext.Provider value={{ total, refresh }}>{children}</UnreadContext.Provider>;
}

export const useUnread = () => useContext(UnreadContext);

/** "9+" above nine, as the badges show it. */
export const badgeText = (n: number) => (n > 9 ? '9+' : String(n));
