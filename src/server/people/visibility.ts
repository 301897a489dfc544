import type { Kysely } from 'kysely';
import type { Actor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import type { DB } from '../db/schema';
import { descendantCustomerIds } from './people.repo';

/**
 * Which conversations (and records) an actor may see, from the SPEC:
 * a Buyer their own; a customer Administrator their customer's and its
 * sub-customers'; back-office users all. An integration sees all of its
 * store's; the system all. A customer user also sees the conversations they
 * take part in as a guest (`guestOf`, filled in by the conversations module,
 * which owns participants; records never widen with it).
 */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'customerUser'; customerUserId: number; guestOf: readonly number[] }
  | { kind: 'customers'; customerIds: number[]; guestOf: readonly number[]; /** the Administrator's own id */ customerUserId: number };

export async function visibilityOf(db: Kysely<DB>, actor: Actor): Promise<Visibility> {
  switch (actor.kind) {
    case 'backoffice_user':
    case 'integration':
    case 'system':
      return { kind: 'all' };
    case 'customer_user':
      if (actor.role === 'buyer') return { kind: 'customerUser', customerUserId: actor.id, guestOf: [] };
      return { kind: 'customers', customerIds: await descendantCustomerIds(db, actor.customerId), guestOf: [], customerUserId: actor.id };
    default:
      return unreachable(actor);
  }
}

/** Whether a row with this customer and customer user (of this conversation, when it is one) is visible. */
export function canSee(
  visibility: Visibility,
  row: { customer_id: number; customer_user_id: number },
  conversationId?: number | null,
): boolean {
  const guest = () => conversationId != null && visibility.kind !== 'all' && visibility.guestOf.includes(conversationId);
  switch (visibility.kind) {
    case 'all':
      return true;
    case 'customerUser':
      return row.customer_user_id === visibility.customerUserId || guest();
    case 'customers':
      return visibility.customerIds.includes(row.customer_id) || guest();
    default:
      return unreachable(visibility);
  }
}
