// One live socket: its state (waiting for resume, replaying, live), what it
// has been sent, and the limits that protect the server from it.
import type { WebSocket } from 'ws';
import type { StoredEvent } from '../../shared/events';
import { ClientFrame, CloseCodes, type CloseCode, type ServerFrame } from '../../shared/live';
import type { Runtime } from '../kernel/context';
import { mayReceive, type Audience, type UserKey } from './audience';
import type { LiveLimits } from './limits';
import { replayMissed } from './replay';

/** What a connection needs from the hub it belongs to. */
export interface ConnectionHost {
  runtime: Runtime;
  limits: LiveLimits;
  feedCursor(): number;
  typing(connection: Connection, conversationId: number): void;
  caughtUp(connection: Connection): void;
  remove(connection: Connection): void;
  log(error: unknown): void;
  /** registers database work that closing must wait for */
  track<T>(work: Promise<T>): Promise<T>;
}

export interface Connection {
  audience: Audience;
  user: UserKey;
  sessionId: string;
  isLive(): boolean;
  /** a committed event, with its frame already serialised (null: never sent as is) */
  offer(event: StoredEvent, wire: string | null): void;
  send(frame: ServerFrame): void;
  close(code: CloseCode): void;
  /** heartbeat: false when the last ping went unanswered */
  ping(): boolean;
}

const OPEN = 1;

export function openConnection(host: ConnectionHost, socket: WebSocket, audience: Audience, user: UserKey, sessionId: string): Connection {
  let state: 'waiting' | 'replaying' | 'live' | 'closed' = 'waiting';
  /** the highest event id considered for this socket: anything at or below it was sent or is not theirs */
  let position = host.feedCursor();
  let held: { id: number; wire: string }[] = [];
  let alive = true;
  let rate = { startedAt: 0, frames: 0 };

  const sendWire = (wire: string) => {
    if (state === 'closed' || socket.readyState !== OPEN) return;
    // a client that stops reading must not grow our memory without bound
    if (socket.bufferedAmount > host.limits.sendBufferBytes) return close('SLOW_CONSUMER');
    socket.send(wire);
  };
  const send = (frame: ServerFrame) => sendWire(JSON.stringify(frame));

  /** sends what this socket has not had yet: ids at or below `position` were covered */
  const deliver = (id: number, wire: string | null) => {
    if (id <= position) return;
    position = id;
    if (wire !== null) sendWire(wire);
  };

  const close = (code: CloseCode) => {
    if (state === 'closed') return;
    state = 'closed';
    held = [];
    clearTimeout(resumeTimer);
    host.remove(connection);
    const { code: number, reason } = CloseCodes[code];
    try {
      socket.close(number, reason);
    } catch {
      // already closing
    }
    // a peer that does not read will not read the close frame either
    setTimeout(() => socket.terminate(), 1000).unref();
  };

  const resume = async (lastEventId: number | null) => {
    state = 'replaying';
    if (lastEventId !== null) {
      position = await replayMissed(host.runtime, {
        audience,
        afterId: lastEventId,
        feedCursor: position,
        limits: host.limits,
        send,
        isOpen: () => state === 'replaying',
        buffered: () => socket.bufferedAmount,
      });
    }
    if (state !== 'replaying') return;
    // live events that arrived meanwhile; those the replay covered are skipped by id
    const pending = held.sort((a, b) => a.id - b.id);
    held = [];
    state = 'live';
    for (const event of pending) deliver(event.id, event.wire);
    send({ type: 'ready', lastEventId: position });
    host.caughtUp(connection);
  };

  const onFrame = (data: unknown, isBinary: boolean) => {
    const now = Date.now();
    if (now - rate.startedAt >= 1000) rate = { startedAt: now, frames: 0 };
    rate.frames += 1;
    if (rate.frames > host.limits.framesPerSecond) return close('TOO_MANY_FRAMES');
    if (isBinary) return close('MALFORMED_FRAME');
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return close('MALFORMED_FRAME');
    }
    const parsed = ClientFrame.safeParse(json);
    if (!parsed.success) return close('INVALID_FRAME');
    const frame = parsed.data;
    switch (frame.type) {
      case 'resume':
        if (state !== 'waiting') return close('INVALID_FRAME');
        clearTimeout(resumeTimer);
        host.track(resume(frame.lastEventId)).catch((error) => {
          host.log(error);
          close('GOING_AWAY');
        });
        return;
      case 'typing':
        return host.typing(connection, frame.conversationId);
      case 'ping':
        return send({ type: 'pong' });
    }
  };

  const resumeTimer = setTimeout(() => close('RESUME_TIMEOUT'), host.limits.resumeTimeoutMs);
  resumeTimer.unref();

  const connection: Connection = {
    audience,
    user,
    sessionId,
    isLive: () => state === 'live',
    offer(event, wire) {
      const mine = wire !== null && mayReceive(audience, event) ? wire : null;
      if (state === 'live') return deliver(event.id, mine);
      if (state === 'closed') return;
      // only what this user may receive waits; the rest would be skipped anyway
      if (mine !== null) held.push({ id: event.id, wire: mine });
      if (held.length > host.limits.heldEvents) close('SLOW_CONSUMER');
    },
    send,
    close,
    ping() {
      if (!alive) return false;
      alive = false;
      if (socket.readyState === OPEN) socket.ping();
      return true;
    },
  };

  socket.on('message', onFrame);
  socket.on('pong', () => {
    alive = true;
  });
  socket.on('close', () => {
    if (state === 'closed') return;
    state = 'closed';
    held = [];
    clearTimeout(resumeTimer);
    host.remove(connection);
  });
  return connection;
}
