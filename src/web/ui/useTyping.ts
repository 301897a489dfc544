// Who else is typing in a conversation, from the live `typing` frames. The
// frames are throttled (one every ~2 s per typist), so a typist is dropped
// after 4 s without one, or at once when their message arrives.
import { useEffect, useState } from 'react';
import type { UserRef } from '../../shared/events';
import { useLiveEvent, type LiveClient } from './live';

const SHOWN_FOR_MS = 4000;

interface Typist {
  name: string;
  until: number;
}

// by kind and id: two people may share a name, and a customer user and a back-office user an id
const keyOf = (user: UserRef) => `${user.kind}:${user.id}`;

/** The names of the others typing in this conversation (never `me`). */
export function useTyping(client: LiveClient | null, conversationId: number, me: UserRef): string[] {
  const [typists, setTypists] = useState<ReadonlyMap<string, Typist>>(new Map());
  const update = (change: (next: Map<string, Typist>) => void) =>
    setTypists((current) => {
      const next = new Map(current);
      change(next);
      return next;
    });

  useLiveEvent(client, 'typing', ({ conversationId: id, user }) => {
    if (id !== conversationId || keyOf(user) === keyOf(me)) return;
    update((next) => next.set(keyOf(user), { name: user.name, until: Date.now() + SHOWN_FOR_MS }));
  });
  useLiveEvent(client, 'message.created', ({ conversationId: id, data: { message } }) => {
    if (id !== conversationId || !message.author) return;
    const key = keyOf({ kind: message.author.kind, id: message.author.userId });
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

/**
 * "Amanda Cole is typing…", "Amanda Cole and Ruth Ortiz are typing…", then
 * every name ("A, B and C are typing…"), or past `listUpTo` names "Several
 * people are typing…"; '' when no one is.
 */
export function typingText(names: string[], listUpTo = Infinity): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length > listUpTo) return 'Several people are typing…';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}
