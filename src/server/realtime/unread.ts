// unread.changed: after an event, the totals of the users it touched, each
// recomputed once however many events touched them meanwhile.
import type { StoredEvent } from '../../shared/events';
import type { UnreadTotals } from '../../shared/live';
import type { PersonActor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
// the conversations module owns unread counts; these are its read side
import { participantUnreadCounts, unreadIndicatorForBackofficeUser, unreadTotalForCustomerUser } from '../conversations';
import { mayReceive, unreadReach, type UserKey } from './audience';
import type { Connection } from './connection';

/** My totals as the header badge or menu item shows them. */
export async function unreadTotalsOf(runtime: Runtime, actor: PersonActor): Promise<UnreadTotals> {
  switch (actor.kind) {
    case 'customer_user':
      return { side: 'storefront', ...(await unreadTotalForCustomerUser(runtime.contextFor(actor))) };
    case 'backoffice_user':
      return { side: 'backoffice', ...(await unreadIndicatorForBackofficeUser(runtime.contextFor(actor))) };
    default:
      return unreachable(actor);
  }
}

/** Each participant of a conversation, with their unread count in it. */
async function participantUnread(runtime: Runtime, conversationId: number): Promise<{ user: UserKey; unreadCount: number }[]> {
  const rows = await participantUnreadCounts(runtime.db, conversationId);
  return rows.map((r) => ({
    user:
      r.customer_user_id !== null
        ? (`customer_user:${r.customer_user_id}` as const)
        : (`backoffice_user:${r.backoffice_user_id!}` as const),
    unreadCount: r.unread_count,
  }));
}

export interface UnreadPush {
  /** an event was handed to the sockets: refresh the totals it changed */
  touch(event: StoredEvent): void;
  /** send this user's current totals (a socket just caught up) */
  refresh(user: UserKey): void;
}

export function createUnreadPush(
  runtime: Runtime,
  sockets: { all(): Iterable<Connection>; of(user: UserKey): Set<Connection> | undefined },
  work: { track<T>(p: Promise<T>): Promise<T>; log(error: unknown): void },
): UnreadPush {
  // per user: the conversations whose count changed since the last push
  const dirtyUsers = new Map<UserKey, Map<number, number>>();
  const computing = new Set<UserKey>();
  // per conversation: whether only its back-office participants' counts changed (internal notes)
  const dirtyConversations = new Map<number, boolean>();
  let draining = false;

  const markDirty = (user: UserKey, conversation?: { id: number; unreadCount: number }) => {
    if (!sockets.of(user)) return;
    const changes = dirtyUsers.get(user) ?? new Map<number, number>();
    if (conversation) changes.set(conversation.id, conversation.unreadCount);
    dirtyUsers.set(user, changes);
    if (!computing.has(user)) void work.track(recompute(user));
  };

  // one computation at a time per user, so that answers never arrive out of order
  const recompute = async (user: UserKey) => {
    computing.add(user);
    try {
      while (dirtyUsers.has(user)) {
        const changes = dirtyUsers.get(user)!;
        dirtyUsers.delete(user);
        const first = sockets.of(user)?.values().next().value;
        if (!first) break;
        const totals = await unreadTotalsOf(runtime, first.audience.actor);
        const conversations = [...changes].map(([id, unreadCount]) => ({ id, unreadCount }));
        for (const c of sockets.of(user) ?? []) {
          if (c.isLive()) c.send({ type: 'unread.changed', totals, ...(conversations.length ? { conversations } : {}) });
        }
      }
    } catch (error) {
      work.log(error);
    } finally {
      computing.delete(user);
    }
  };

  // conversations whose participants' counts changed: one query each, coalesced
  const drainConversations = async () => {
    if (draining) return;
    draining = true;
    try {
      for (const [id, staffOnly] of dirtyConversations) {
        dirtyConversations.delete(id);
        for (const p of await participantUnread(runtime, id)) {
          // a customer's count did not move: telling them would say that something happened
          if (staffOnly && p.user.startsWith('customer_user:')) continue;
          markDirty(p.user, { id, unreadCount: p.unreadCount });
        }
      }
    } catch (error) {
      work.log(error);
    } finally {
      draining = false;
    }
  };

  return {
    touch(event) {
      const reach = unreadReach(event);
      switch (reach.kind) {
        case 'participants':
          // nobody connected to this instance: nothing to push, no query to make
          if (sockets.all()[Symbol.iterator]().next().done) return;
          dirtyConversations.set(reach.conversationId, reach.staffOnly && (dirtyConversations.get(reach.conversationId) ?? true));
          void work.track(drainConversations());
          return;
        case 'users':
          for (const user of reach.users) markDirty(user, reach.conversation);
          return;
        case 'audience':
          for (const c of sockets.all())
            if (mayReceive(c.audience, event)) markDirty(c.user, { id: event.conversationId!, unreadCount: 0 });
          return;
        case 'none':
          return;
      }
    },
    refresh: (user) => markDirty(user),
  };
}
