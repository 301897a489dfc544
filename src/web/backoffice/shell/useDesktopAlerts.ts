// While the tab is hidden, a message that adds to my unread count (someone
// else's, in a conversation I take part in) becomes a desktop notification,
// if the browser allows it (asked once, on the first message I send). The
// message comes in its own frame; the unread change that follows says it is
// one for me, since staff receive every conversation's messages.
import { useRef } from 'react';
import type { Message } from '../../../shared/api';
import { notifyWhileHidden } from '../../ui/chat/desktopNotifications';
import { useLiveEvent } from '../../ui/live';
import { markdownToText } from '../../ui/markdown';
import { conversationPath } from '../paths';
import { navigate } from '../router';
import { useLive } from './live';

export function useDesktopAlerts(userId: number) {
  const live = useLive();
  // the two frames may come in either order: each waits here for the other
  const latest = useRef(new Map<number, Message>());
  const owed = useRef(new Set<number>());
  const notify = (m: Message) =>
    notifyWhileHidden(m.author?.name ?? 'New message', {
      body: markdownToText(m.body) || (m.attachments?.length ? `📎 ${m.attachments[0]!.name}` : ''),
      tag: `conversation-${m.conversationId}`,
      onClick: () => navigate(conversationPath(m.conversationId)),
    });
  useLiveEvent(live, 'message.created', ({ data: { message: m } }) => {
    const mine = m.author?.kind === 'backoffice_user' && m.author.userId === userId;
    if (mine || m.type === 'system') return;
    if (owed.current.delete(m.conversationId)) notify(m);
    else latest.current.set(m.conversationId, m);
  });
  useLiveEvent(live, 'unread.changed', ({ conversations }) => {
    for (const { id, unreadCount } of conversations ?? []) {
      if (unreadCount === 0) {
        latest.current.delete(id);
        owed.current.delete(id);
        continue;
      }
      const m = latest.current.get(id);
      latest.current.delete(id);
      if (m) notify(m);
      else owed.current.add(id);
    }
  });
}
