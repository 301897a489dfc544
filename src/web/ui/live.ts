// Live push in the browser: one socket per side that never loses an event.
//
//   const live = createLiveClient({ path: '/api/live' });       // or '/admin/api/live'
//   const off = live.on('message.created', (f) => addMessage(f.data.message));
//   live.on('unread.changed', (f) => setBadge(f.totals));        // my totals; f.conversations: per-conversation counts
//   live.on('typing', (f) => showTyping(f.conversationId, f.user.name));
//   live.on('reset', () => reloadEverything());                  // missed too much to replay
//   live.onState((s) => setReconnecting(s === 'reconnecting'));  // 'connecting' | 'open' | 'reconnecting' | 'closed'
//   live.typing(conversationId);                                 // call on input; throttled here and on the server
//   live.close();                                                // on sign-out: stop for good
//
// Events: message.created, conversation.created, conversation.updated,
// conversation.status_changed, conversation.deleted (each with `id`,
// `conversationId`, `createdAt`, `data`), unread.changed, typing, ready,
// reset. Every stored event carries an increasing `id`; the client remembers
// the last one and, when the socket drops, reconnects with exponential backoff
// and jitter and asks the server for everything after it, so nothing is lost
// and nothing comes twice. A socket that dies without a close (the browser
// goes offline, or nothing answers the client's ping) counts as dropped.
// 'open' means caught up: fetch the screen's data on the first 'open' (or
// refetch on every one, which is always safe). The protocol's final close
// codes (signed out; refused at the handshake) end it for good: state 'closed'.
//
// For screens that only need "something changed, reload": createLiveRefreshSource
// (the storefront's LiveSource shape), which falls back to polling while the
// socket is down and stops polling while it is up.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { FINAL_CLOSE_CODES, type ClientFrame, type ServerFrame } from '../../shared/live';

export type { ServerFrame, UnreadTotals } from '../../shared/live';
export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'closed';
export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** The part of the browser's WebSocket this client uses (tests pass the `ws` package's). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface LiveClientOptions {
  /** '/api/live' (storefront) or '/admin/api/live' (back-office) */
  path: string;
  /** the full ws:// or wss:// address; by default this page's host */
  url?: string;
  /** continue from here (e.g. kept across a reload); by default from now */
  lastEventId?: number | null;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /**
   * A socket can die without a close event (a network that went away
   * silently): the client pings this often and reconnects when nothing
   * at all arrives within pongTimeoutMs.
   */
  pingEveryMs?: number;
  pongTimeoutMs?: number;
  createSocket?: (url: string) => SocketLike;
}

export interface LiveClient {
  state(): LiveState;
  lastEventId(): number | null;
  on<T extends ServerFrame['type']>(type: T, listener: (frame: FrameOf<T>) => void): () => void;
  /** every frame, for "something changed" listeners */
  onAny(listener: (frame: ServerFrame) => void): () => void;
  onState(listener: (state: LiveState) => void): () => void;
  typing(conversationId: number): void;
  /** reconnect at once instead of waiting for the backoff (e.g. the network is back) */
  reconnectNow(): void;
  close(): void;
}

const TYPING_EVERY_MS = 2000;

const sendFrame = (socket: SocketLike, frame: ClientFrame) => socket.send(JSON.stringify(frame));

export function createLiveClient(options: LiveClientOptions): LiveClient {
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${options.path}`;
  const pingEvery = options.pingEveryMs ?? 25_000;
  const pongTimeout = options.pongTimeoutMs ?? 10_000;
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike);

  let state: LiveState = 'connecting';
  let lastId: number | null = options.lastEventId ?? null;
  let socket: SocketLike | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pinger: ReturnType<typeof setInterval> | undefined;
  let lastHeardAt = 0;
  const listeners = new Map<string, Set<(frame: never) => void>>();
  const anyListeners = new Set<(frame: ServerFrame) => void>();
  const stateListeners = new Set<(state: LiveState) => void>();
  const typingSentAt = new Map<number, number>();

  const setState = (next: LiveState) => {
    if (next === state) return;
    state = next;
    stateListeners.forEach((l) => l(next));
  };

  const receive = (frame: ServerFrame) => {
    if ('id' in frame) lastId = Math.max(lastId ?? 0, frame.id);
    if (frame.type === 'ready' || frame.type === 'reset') lastId = Math.max(lastId ?? 0, frame.lastEventId);
    if (frame.type === 'ready') {
      attempt = 0;
      setState('open');
    }
    listeners.get(frame.type)?.forEach((l) => (l as (f: ServerFrame) => void)(frame));
    anyListeners.forEach((l) => l(frame));
  };

  /** the socket is gone (closed, or silently dead): reconnect with backoff, unless for good */
  const lost = (s: SocketLike, code: number | null) => {
    if (socket !== s) return;
    socket = null;
    clearInterval(pinger);
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    if (code === null) {
      try {
        s.close();
      } catch {
        // it was not open yet
      }
    }
    if (state === 'closed') return;
    if (code !== null && FINAL_CLOSE_CODES.includes(code)) return setState('closed');
    setState('reconnecting');
    // exponential backoff with jitter, so that a restarted server is not hit by every tab at once
    const ceiling = Math.min(maxDelay, initialDelay * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
  };

  const connect = () => {
    timer = undefined;
    const s = createSocket(url);
    socket = s;
    s.onopen = () => {
      lastHeardAt = Date.now();
      sendFrame(s, { type: 'resume', lastEventId: lastId });
      pinger = setInterval(() => {
        if (Date.now() - lastHeardAt > pingEvery + pongTimeout) return lost(s, null);
        sendFrame(s, { type: 'ping' });
      }, pingEvery);
    };
    s.onmessage = (event) => {
      lastHeardAt = Date.now();
      try {
        receive(JSON.parse(String(event.data)) as ServerFrame);
      } catch {
        // a frame we cannot read is not worth dropping the socket for
      }
    };
    s.onerror = () => undefined;
    s.onclose = (event) => lost(s, event.code);
  };

  // the browser knows before any timeout when the network went away, and when it is back
  const onOnline = () => client.reconnectNow();
  const onOffline = () => socket && lost(socket, null);
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
  }

  const client: LiveClient = {
    state: () => state,
    lastEventId: () => lastId,
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    onAny(listener) {
      anyListeners.add(listener);
      return () => anyListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    typing(conversationId) {
      const now = Date.now();
      if (state !== 'open' || now - (typingSentAt.get(conversationId) ?? 0) < TYPING_EVERY_MS) return;
      typingSentAt.set(conversationId, now);
      if (socket) sendFrame(socket, { type: 'typing', conversationId });
    },
    reconnectNow() {
      if (state !== 'reconnecting' || timer === undefined) return;
      clearTimeout(timer);
      connect();
    },
    close() {
      setState('closed');
      clearTimeout(timer);
      clearInterval(pinger);
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      socket?.close(1000, 'Closed by the page.');
      socket = null;
    },
  };
  connect();
  return client;
}

/**
 * "Something may have changed" for screens that reload rather than patch:
 * fires on every event and on each (re)connection; polls every `fallbackMs`
 * only while the socket is not open.
 */
export function createLiveRefreshSource(client: LiveClient, fallbackMs = 10_000) {
  return {
    subscribe(onChange: () => void) {
      let poll: ReturnType<typeof setInterval> | undefined;
      const follow = (state: LiveState) => {
        if (state === 'open') {
          clearInterval(poll);
          poll = undefined;
        } else if (poll === undefined && state !== 'closed') {
          poll = setInterval(onChange, fallbackMs);
        }
      };
      follow(client.state());
      const offState = client.onState(follow);
      const offFrames = client.onAny((frame) => {
        if (frame.type !== 'pong' && frame.type !== 'typing') onChange();
      });
      return () => {
        offState();
        offFrames();
        clearInterval(poll);
      };
    },
  };
}

/** The client's state, re-rendering on change: show a discreet "Reconnecting…" while it is 'reconnecting'. */
export function useLiveState(client: LiveClient | null): LiveState {
  return useSyncExternalStore(
    (onChange) => client?.onState(onChange) ?? (() => undefined),
    () => client?.state() ?? 'closed',
  );
}

/** Calls `listener` for each frame of `type`; the latest closure is always used. */
export function useLiveEvent<T extends ServerFrame['type']>(client: LiveClient | null, type: T, listener: (frame: FrameOf<T>) => void) {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client?.on(type, (frame) => latest.current(frame)), [client, type]);
}
