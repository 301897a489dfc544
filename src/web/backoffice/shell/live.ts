// The back-office's one live connection, shared by every screen through a
// context, and the hook screens use to refresh on what concerns them.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createLiveClient, type LiveClient, type ServerFrame } from '../../ui/live';

export const POLL_MS = 10_000;
const PATH = '/admin/api/live';

export const LiveContext = createContext<LiveClient | null>(null);

/** The signed-in session's live client (null before it starts). */
export const useLive = () => useContext(LiveContext);

/** One socket per signed-in session: opened on sign-in, closed for good when the session's app unmounts (sign-out). */
export function useLiveConnection(userId: number): LiveClient | null {
  const [client, setClient] = useState<LiveClient | null>(null);
  useEffect(() => {
    let live = createLiveClient({ path: PATH });
    setClient(live);
    // The client notices a lost network only when its socket closes, and a
    // socket whose network went away can stay "open" without a close or any
    // error (it sends no heartbeat of its own). So, back online, start again
    // from the last event seen: nothing missed, nothing twice.
    const onOnline = () => {
      const lastEventId = live.lastEventId();
      live.close();
      live = createLiveClient({ path: PATH, lastEventId });
      setClient(live);
    };
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      live.close();
    };
  }, [userId]);
  return client;
}

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether the browser says it is offline (its socket may not have noticed yet). */
export const useOffline = () => useSyncExternalStore(subscribeOnline, () => !navigator.onLine);

/** A frame filter for useLiveRefresh: any of these types. */
export const ofTypes =
  (...types: ServerFrame['type'][]) =>
  (frame: ServerFrame) =>
    types.includes(frame.type);

/**
 * Calls `refresh` when what a screen shows may have changed: on the live
 * frames `matches` accepts (a burst within `windowMs` makes one call), on
 * every (re)connection, since events may have been missed before it, and
 * every 10 s while the socket is down and the tab visible, so that the screen
 * still moves on when push does not work.
 */
export function useLiveRefresh(refresh: () => void, matches: (frame: ServerFrame) => boolean, windowMs = 150) {
  const client = useLive();
  const latest = useRef({ refresh, matches });
  latest.current = { refresh, matches };

  useEffect(() => {
    let pending: number | undefined;
    let poll: number | undefined;
    const fire = () => latest.current.refresh();
    const soon = () => {
      pending ??= window.setTimeout(() => {
        pending = undefined;
        fire();
      }, windowMs);
    };
    const live = () => client?.state() === 'open';
    const schedule = () => {
      window.clearInterval(poll);
      poll = undefined;
      if (!live() && document.visibilityState === 'visible') poll = window.setInterval(fire, POLL_MS);
    };
    // back to the tab: catch up at once, unless push kept the screen current
    const onVisibility = () => {
      if (!live() && document.visibilityState === 'visible') fire();
      schedule();
    };
    const offState = client?.onState(schedule);
    const offFrames = client?.onAny((frame) => {
      if (frame.type === 'ready' || frame.type === 'reset' || latest.current.matches(frame)) soon();
    });
    schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      offState?.();
      offFrames?.();
      window.clearTimeout(pending);
      window.clearInterval(poll);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [client, windowMs]);
}

/** What may change a list of conversations (the grid's rows, the inbox's list): a burst makes one reload. */
export const conversationListChanges = ofTypes(
  'message.created',
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.deleted',
  'unread.changed',
  'mention.created',
);
