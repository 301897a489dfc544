// A conversation's messages as the pane shows them: the latest page first,
// older pages on demand, newer ones on every live signal, and the user's own
// messages shown at once while they are being sent (failed ones can be retried
// with the same Idempotency-Key, so a retry never posts twice).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message, MessageAttachment } from '../../../shared/api';
import { ApiError } from '../../ui/api';
import { clearDraftIfUnchanged } from '../../ui/chat/useDraft';
import { newIdempotencyKey, storefront } from '../api';
import { useLiveClient, useLiveRefresh } from '../live';
import { errorText } from '../session';

export interface PendingMessage {
  key: string;
  body: string;
  attachments: MessageAttachment[];
  state: 'sending' | 'failed';
  error?: string;
  /** the composer's draft of this text: forgotten once the server has it */
  draftKey?: string;
  /** failed for want of a network: resent once when the connection is back */
  offline?: boolean;
  createdAt: string;
}

export interface Thread {
  messages: Message[];
  pending: PendingMessage[];
  loaded: boolean;
  error: unknown;
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  send(body: string, attachments?: MessageAttachment[], draftKey?: string): void;
  retry(key: string): void;
  discard(key: string): void;
}

/** Merges pages by seq, so a message seen twice (poll + send) shows once. */
function merge(a: Message[], b: Message[]): Message[] {
  const bySeq = new Map<number, Message>();
  for (const m of [...a, ...b]) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}

export function useThread(conversationId: number, events: { onRefused(error: ApiError): void; stopped?: boolean }): Thread {
  const [messages, setMessages] = useState<Message[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [hasMoreBefore, setHasMoreBefore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const lastSeq = useRef(0);
  const polling = useRef(false);
  const latestEvents = useRef(events);
  latestEvents.current = events;

  const show = useCallback((items: Message[]) => {
    setMessages((old) => {
      const next = merge(old, items);
      lastSeq.current = next.at(-1)?.seq ?? 0;
      return next;
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    storefront.messages(conversationId).then(
      (page) => {
        if (cancelled) return;
        show(page.items);
        setHasMoreBefore(page.hasMoreBefore);
        setLoaded(true);
      },
      (err: unknown) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, show]);

  useLiveRefresh(() => {
    if (!loaded || polling.current || latestEvents.current.stopped) return;
    polling.current = true;
    const fetchAfter = async () => {
      for (;;) {
        const page = await storefront.messages(conversationId, { after: lastSeq.current });
        show(page.items);
        if (!page.hasMoreAfter || page.items.length === 0) return;
      }
    };
    fetchAfter()
      .catch(() => undefined) // the next signal tries again
      .finally(() => (polling.current = false));
  });

  const loadOlder = useCallback(() => {
    const first = messages[0]?.seq;
    if (!hasMoreBefore || loadingOlder || first === undefined) return;
    setLoadingOlder(true);
    storefront.messages(conversationId, { before: first }).then(
      (page) => {
        show(page.items);
        setHasMoreBefore(page.hasMoreBefore);
        setLoadingOlder(false);
      },
      () => setLoadingOlder(false),
    );
  }, [conversationId, messages, hasMoreBefore, loadingOlder, show]);

  const deliver = useCallback(
    (item: PendingMessage) =>
      storefront
        .postMessage(
          conversationId,
          item.body,
          item.key,
          item.attachments.map((a) => a.id),
        )
        .then(
          (message) => {
            if (item.draftKey) clearDraftIfUnchanged(item.draftKey, item.body);
            show([message]);
            setPending((all) => all.filter((p) => p.key !== item.key));
          },
          (err: unknown) => {
            const text = err instanceof ApiError && err.code === 'CONVERSATION_CLOSED' ? 'The conversation was closed.' : errorText(err);
            const offline = err instanceof ApiError && err.code === 'NETWORK_ERROR';
            setPending((all) => all.map((p) => (p.key === item.key ? { ...p, state: 'failed', error: text, offline } : p)));
            if (err instanceof ApiError && !offline) latestEvents.current.onRefused(err);
          },
        ),
    [conversationId, show],
  );

  // what failed for want of a network goes again when the connection is back:
  // once per reconnect, in the order it was written, each after the one before
  // (the same Idempotency-Key, so a message the server did get is not doubled)
  const latestPending = useRef(pending);
  latestPending.current = pending;
  const resendOffline = useCallback(() => {
    const items = latestPending.current.filter((p) => p.state === 'failed' && p.offline);
    if (items.length === 0) return;
    const keys = new Set(items.map((p) => p.key));
    setPending((all) => all.map((p) => (keys.has(p.key) ? { ...p, state: 'sending', error: undefined, offline: false } : p)));
    void items.reduce((before, item) => before.then(() => deliver({ ...item, offline: false })), Promise.resolve());
  }, [deliver]);
  const live = useLiveClient();
  useEffect(() => {
    window.addEventListener('online', resendOffline);
    const off = live?.onState((state) => state === 'open' && resendOffline());
    return () => {
      window.removeEventListener('online', resendOffline);
      off?.();
    };
  }, [live, resendOffline]);

  const send = useCallback(
    (body: string, attachments: MessageAttachment[] = [], draftKey?: string) => {
      const item: PendingMessage = {
        key: newIdempotencyKey(),
        body,
        attachments,
        state: 'sending',
        createdAt: new Date().toISOString(),
        ...(draftKey ? { draftKey } : {}),
      };
      setPending((all) => [...all, item]);
      void deliver(item);
    },
    [deliver],
  );

  const retry = useCallback(
    (key: string) => {
      const item = pending.find((p) => p.key === key);
      if (!item) return;
      const again = { ...item, state: 'sending' as const, error: undefined };
      setPending((all) => all.map((p) => (p.key === key ? again : p)));
      void deliver(again);
    },
    [pending, deliver],
  );

  const discard = useCallback((key: string) => setPending((all) => all.filter((p) => p.key !== key)), []);

  return { messages, pending, loaded, error, hasMoreBefore, loadingOlder, loadOlder, send, retry, discard };
}
