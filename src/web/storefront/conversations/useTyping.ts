// Who else is typing in this conversation, from the live socket's typing
// signals. A name shows for a few seconds after the last signal (the server
// relays at most one every 2 s), or until their message lands.
import { useEffect, useState } from 'react';
import { useLiveEvent } from '../../ui/live';
import { useLiveClient } from '../live';

const SHOW_MS = 4000;

export function useTyping(conversationId: number, me: { id: number }): string {
  const client = useLiveClient();
  const [typists, setTypists] = useState<Record<string, number>>({});

  useLiveEvent(client, 'typing', (frame) => {
    if (frame.conversationId !== conversationId) return;
    if (frame.user.kind === 'customer_user' && frame.user.id === me.id) return;
    setTypists((t) => ({ ...t, [frame.user.name]: Date.now() + SHOW_MS }));
  });
  useLiveEvent(client, 'message.created', (frame) => {
    const author = frame.data.message.author?.name;
    if (frame.conversationId !== conversationId || !author) return;
    setTypists(({ [author]: _gone, ...rest }) => rest);
  });

  const names = Object.keys(typists);
  useEffect(() => {
    if (names.length === 0) return;
    const next = Math.min(...Object.values(typists)) - Date.now();
    const timer = window.setTimeout(() => {
      const now = Date.now();
      setTypists((t) => Object.fromEntries(Object.entries(t).filter(([, until]) => until > now)));
    }, Math.max(0, next) + 50);
    return () => window.clearTimeout(timer);
  }, [typists, names.length]);

  const text =
    names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
  return text;
}
