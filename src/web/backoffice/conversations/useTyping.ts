// Who else is typing in a conversation, from the live `typing` frames. The
// frames are throttled (one every ~2 s per typist), so a typist is dropped
// after 4 s without one, or at once when their message arrives.
import { useEffect, useState } from 'react';
import { useLiveEvent } from '../../ui/live';
import { useLive } from '../shell/live';

const SHOWN_FOR_MS = 4000;

interface Typist {
  name: string;
  until: number;
}

type UserKind = 'customer_user' | 'backoffice_user';
const keyOf = (kind: UserKind, id: number) => `${kind}:${id}`;

/** The names of the others typing in this conversation (never me). */
export function useTyping(conversationId: number, myUserId: number): string[] {
  const client = useLive();
  const [typists, setTypists] = useState<ReadonlyMap<string, Typist>>(new Map());
  const update = (change: (next: Map<string, Typist>) => void) =>
    setTypists((current) => {
      const next = new Map(current);
      change(next);
      return next;
    });

  useLiveEvent(client, 'typing', ({ conversationId: id, user }) => {
    if (id !== conversationId || (user.kind === 'backoffice_user' && user.id === myUserId)) return;
    update((next) => next.set(keyOf(user.kind, user.id), { name: user.name, until: Date.now() + SHOWN_FOR_MS }));
  });
  useLiveEvent(client, 'message.created', ({ conversationId: id, data: { message } }) => {
    if (id !== conversationId || !message.author) return;
    const key = keyOf(message.author.kind, message.author.userId);
    setTypists((current) => (current.has(key) ? new Map([...current].filter(([k]) => k !== key)) : current));
  });

  // wake up when the first typist's time is out
  useEffect(() => {
    if (typists.size === 0) return;
    const first = Math.min(...[...typists.values()].map((t) => t.until));
    const timer = window.setTimeout(
      () => update((next) => next.forEach((t, key) => t.until <= Date.now() && next.delete(key))),
      Math.max(0, first - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [typists]);

  return [...typists.values()].map((t) => t.name);
}

/** "Amanda Cole is typing…", "Amanda Cole and Ruth Ortiz are typing…", or '' when no one is. */
export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}
