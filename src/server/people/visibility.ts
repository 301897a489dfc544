import type { Kysely } from 'kysely';
import type { Actor } from '../kernel/actor';
import { unreachable } from '../kernel/actor';
import type { DB } from '../db/schema';
import { descendantCustomerIds } from './people.repo';

/**
 * Which conversations (and records) an actor may see, from the SPEC:
 * a Buyer their own; a customer Administrator their customer's and its
 * sub-customers'; back-office users all. An integration sees all of its
 * store's; the system all.
 */
export type Visibility = { kind: 'all' } | { kind: 'customerUser'; customerUserId: number } | { kind: 'customers'; customerIds: number[] };

export async function visibilityOf(db: Kysely<DB>, actor: Actor): Promise<Visibility> {
  switch (actor.kind) {
    case 'backoffice_user':
    case 'integration':
    case 'system':
      return { kind: 'all' };
    case 'customer_user':
      if (actor.role === 'buyer') return { kind: 'customerUser', customerUserId: actor.id };
      return { kind: 'customers', customerIds: await descendantCustomerIds(db, actor.customerId) };
    default:
      return unreachable(actor);
  }
}

/** Whether a row with this customer and customer user is visible. */
export function canSee(visibility: Visibility, row: { customer_id: number; customer_user_id: number }): boolean {
  switch (visibility.kind) {
    case 'all':
      return true;
    case 'customerUser':
      return row.customer_user_id === visibility.customerUserId;
    case 'customers':
      return visibility.customerIds.includes(row.customer_id);
    default:
      return unreachable(visibility);
  }
}
