import type { z } from 'zod';
import type { Customer, CustomerUser } from '../../shared/api';
import type { CustomerQueryRow, CustomerUserQueryRow } from './people.repo';

export const personName = (first: string, last: string) => `${first} ${last}`.trim();

/** "AC" from "Amanda Cole", for avatars. */
export const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('') || '?';

export const customerUserName = (u: { first_name: string | null; last_name: string | null; deleted_at?: string | null }) =>
  u.deleted_at ? 'Deleted user' : personName(u.first_name ?? '', u.last_name ?? '');

export function presentCustomer(row: CustomerQueryRow): z.infer<typeof Customer> {
  return {
    id: row.id,
    name: row.name,
    parent: row.parent_id !== null ? { id: row.parent_id, name: row.parent_name ?? '' } : null,
    salesRep: row.rep_id !== null ? { id: row.rep_id, name: personName(row.rep_first_name ?? '', row.rep_last_name ?? '') } : null,
    createdAt: row.created_at,
  };
}

export function presentCustomerUser(row: CustomerUserQueryRow): z.infer<typeof CustomerUser> {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    name: customerUserName(row),
    role: row.role,
    customer: { id: row.customer_id, name: row.customer_name },
    deleted: row.deleted_at !== null,
    createdAt: row.created_at,
  };
}
