// Where each back-office page lives. Pages of one feature link to another's
// (a grid row to its customer, the shell to My Conversations), so the paths
// belong to no feature.
import type { RecordType } from '../../shared/api';

/** The back-office list page of each record type, and its plural title. */
export const recordPages: Record<RecordType, { path: string; title: string }> = {
  order: { path: '/admin/orders', title: 'Orders' },
  rfq: { path: '/admin/rfqs', title: 'Requests for Quote' },
  quote: { path: '/admin/quotes', title: 'Quotes' },
};

export const recordPath = (type: RecordType, id: number) => `${recordPages[type].path}/${id}`;
export const customerPath = (id: number) => `/admin/customers/${id}`;
export const customerUserPath = (id: number) => `/admin/customer-users/${id}`;
export const conversationPath = (id: number) => `/admin/conversations/${id}`;

/** The saved view: conversations I take part in that are Active. */
export const MY_CONVERSATIONS_URL = '/admin/conversations?mine=true&status=active';
