// The conversations list, newest activity first: the first page is fetched
// again on every live signal and merged with any further pages already shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { storefront } from '../api';
import { useLiveEvent } from '../../ui/live';
import { useLiveClient, useLiveRefresh } from '../live';
import { useSession } from '../session';

const byActivity = (a: ConversationSummary, b: ConversationSummary) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id - a.id;

function upsert(list: ConversationSummary[], items: ConversationSummary[]) {
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const c of items) byId.set(c.id, c);
  return [...byId.values()].sort(byActivity);
}

/** `status`: only Active, or only Closed, conversations. */
export function useConversationList(status?: 'active' | 'closed') {
  const [items, setItems] = useState<ConversationSummary[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const firstLoad = useRef(true);

  useEffect(() => {
    setItems(undefined);
    setNextCursor(null);
    firstLoad.current = true;
  }, [status]);
  const refresh = useCallback(() => {
    storefront.conversations({ status }).then(
      (page) => {
        setItems((old) => upsert(old ?? [], page.items));
        if (firstLoad.current) setNextCursor(page.nextCursor);
        firstLoad.current = false;
        setError(null);
      },
      (err: unknown) => setError(err),
    );
  }, [status]);
  useEffect(refresh, [refresh]);
  useLiveRefresh(refresh);
  // a conversation I no longer see leaves the list: deleted, or I was taken out of it
  const { user } = useSession();
  const drop = useCallback((id: number) => setItems((old) => old?.filter((c) => c.id !== id)), []);
  const live = useLiveClient();
  useLiveEvent(live, 'conversation.deleted', (frame) => drop(frame.conversationId));
  useLiveEvent(live, 'participant.removed', ({ data }) => {
    if (data.participant.kind === 'customer_user' && data.participant.userId === user?.id) drop(data.conversationId);
  });

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    storefront.conversations({ cursor: nextCursor, status }).then(
      (page) => {
        setItems((old) => upsert(old ?? [], page.items));
        setNextCursor(page.nextCursor);
        setLoadingMore(false);
      },
      () => setLoadingMore(false),
    );
  }, [nextCursor, loadingMore, status]);

  /** shows a conversation as the pane last fetched it (new, read, closed) */
  const put = useCallback((c: ConversationSummary) => setItems((old) => upsert(old ?? [], [c])), []);
  const markedRead = useCallback(
    (id: number) => setItems((old) => old?.map((c) => (c.id === id ? { ...c, unreadCount: 0, lastReadSeq: c.lastSeq } : c))),
    [],
  );

  // a conversation closed or reopened since leaves a filtered list
  const shown = status ? items?.filter((c) => c.status === status) : items;
  return { items: shown, error, nextCursor, loadingMore, refresh, loadMore, put, markedRead, drop };
}
