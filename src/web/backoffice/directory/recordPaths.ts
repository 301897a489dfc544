import type { RecordType } from '../../../shared/api';

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
