// This instance's live sockets: hands each committed event to every socket
// (and to the unread push), relays typing, closes the sockets of ended
// sessions, and drops dead peers.
import type { WebSocket } from 'ws';
import { signedOutBy, type Signal, type StoredEvent } from '../../shared/events';
import { hashToken, resolveSession, type SessionSide } from '../accounts';
// typing is only relayed for a conversation the typist may see
import { conversationVisibilityOf, findVisibleConversation } from '../conversations';
import type { EventBus } from '../events';
import type { PersonActor } from '../kernel/actor';
import { systemActor, unreachable } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
import { clientFrameOf, followGuests, receivesTyping, userKeyOf, type UserKey } from './audience';
import { openConnection, type Connection, type ConnectionHost } from './connection';
import type { LiveLimits } from './limits';
import { startFeed } from './feed';
import { createUnreadPush } from './unread';

export interface Hub {
  /** takes over an upgraded socket of a signed-in user */
  accept(socket: WebSocket, actor: PersonActor, sessionToken: string): Promise<void>;
  size(): number;
  close(): Promise<void>;
}

const sideOf = (actor: PersonActor): SessionSide => {
  switch (actor.kind) {
    case 'customer_user':
      return 'storefront';
    case 'backoffice_user':
      return 'backoffice';
    default:
      return unreachable(actor);
  }
};

export async function createHub(runtime: Runtime, bus: EventBus, limits: LiveLimits, log: (error: unknown) => void): Promise<Hub> {
  const sessionsCtx = runtime.contextFor(systemActor('realtime.sessions'));
  const connections = new Set<Connection>();
  // database work started for sockets; closing waits for it, so that nothing
  // queries a database that is being closed
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work)).catch(() => undefined);
    return work;
  };
  const byUser = new Map<UserKey, Set<Connection>>();
  // each socket's session, looked at again now and then: a session can also
  // end without a sign-out (it expires, its user is deleted)
  const sessions = new Map<Connection, { token: string; checkedAt: number }>();
  const unread = createUnreadPush(runtime, { all: () => connections, of: (user) => byUser.get(user) }, { track, log });

  const dispatch = (events: StoredEvent[]) => {
    // with nobody connected to this instance there is nothing to serialise
    if (connections.size === 0) return;
    for (const event of events) {
      // a deleted or deactivated user's sockets close wherever they are (accounts ends the sessions)
      const gone = signedOutBy(event);
      if (gone) {
        for (const c of connections) if (c.audience.actor.kind === gone.kind && c.audience.actor.id === gone.id) c.close('SESSION_ENDED');
      }
      // serialised once for every socket that may receive it
      const frame = clientFrameOf(event);
      const wire = frame && JSON.stringify(frame);
      for (const c of connections) {
        followGuests(c.audience, event, 'before');
        c.offer(event, wire);
        followGuests(c.audience, event, 'after');
      }
      unread.touch(event);
    }
  };

  const typingSentAt = new Map<string, number>();
  const host: ConnectionHost = {
    runtime,
    limits,
    feedCursor: () => feed.cursor(),
    log,
    track,
    caughtUp: (c) => unread.refresh(c.user),
    remove(c) {
      connections.delete(c);
      sessions.delete(c);
      const mine = byUser.get(c.user);
      mine?.delete(c);
      if (mine?.size === 0) byUser.delete(c.user);
    },
    typing(c, conversationId) {
      const key = `${c.user}:${conversationId}`;
      const now = Date.now();
      if (now - (typingSentAt.get(key) ?? 0) < limits.typingThrottleMs) return;
      typingSentAt.set(key, now);
      const actor = c.audience.actor;
      track(findVisibleConversation(runtime.contextFor(actor), conversationId))
        .then((row) => {
          if (row.status !== 'active') return;
          bus.signal({
            type: 'typing',
            conversationId,
            customerId: row.customer_id,
            customerUserId: row.customer_user_id,
            from: { kind: actor.kind, id: actor.id, name: actor.name },
          });
        })
        // not found or not visible: say nothing, so that ids do not leak
        .catch(() => undefined);
    },
  };

  const onSignal = (signal: Signal) => {
    for (const c of connections) {
      if (signal.type === 'session.ended' && c.sessionId === signal.sessionId) c.close('SESSION_ENDED');
      if (signal.type === 'typing' && c.isLive() && receivesTyping(c.audience, signal)) {
        c.send({ type: 'typing', conversationId: signal.conversationId, user: signal.from });
      }
    }
  };

  const feed = await startFeed(
    { db: runtime.db, dialect: runtime.dialect, bus },
    { deliver: dispatch, onError: log, sweepMs: limits.sweepMs },
  );
  const stopSignals = bus.onSignal(onSignal);
  const recheckSessions = (now: number) => {
    for (const [c, s] of sessions) {
      if (now - s.checkedAt < limits.sessionCheckMs) continue;
      s.checkedAt = now;
      track(resolveSession(sessionsCtx, sideOf(c.audience.actor), s.token))
        .then((found) => {
          if (!found) c.close('SESSION_ENDED');
        })
        .catch(log);
    }
  };

  const heartbeat = setInterval(() => {
    for (const c of connections) if (!c.ping()) c.close('HEARTBEAT_MISSED');
    recheckSessions(Date.now());
    const stale = Date.now() - limits.typingThrottleMs;
    for (const [key, at] of typingSentAt) if (at < stale) typingSentAt.delete(key);
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    async accept(socket, actor, sessionToken) {
      // frames that arrive while visibility is computed wait in the socket
      socket.pause();
      const audience = { actor, visibility: await track(conversationVisibilityOf(runtime.db, actor)) };
      if (socket.readyState !== socket.OPEN) return;
      const user = userKeyOf(actor);
      const c = openConnection(host, socket, audience, user, hashToken(sessionToken));
      if ((byUser.get(user)?.size ?? 0) >= limits.socketsPerUser) {
        socket.resume();
        return c.close('TOO_MANY_SOCKETS');
      }
      connections.add(c);
      sessions.set(c, { token: sessionToken, checkedAt: Date.now() });
      byUser.set(user, (byUser.get(user) ?? new Set()).add(c));
      socket.resume();
    },
    size: () => connections.size,
    async close() {
      clearInterval(heartbeat);
      stopSignals();
      for (const c of [...connections]) c.close('GOING_AWAY');
      await feed.stop();
      await Promise.allSettled([...inflight]);
    },
  };
}
