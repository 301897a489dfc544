// Where each back-office page lives. Pages of one feature link to another's
// (a grid row to its customer, the shell to My Conversations), so the paths
// belong to no feature.
import { recordPathsUnder } from '../ui/recordPaths';

const records = recordPathsUnder('/admin');

/** A record type's list page: "/admin/orders". */
export const recordListPath = records.list;
/** One record's page: "/admin/orders/7". */
export const recordPath = records.page;
export const customerPath = (id: number) => `/admin/customers/${id}`;
export const customerUserPath = (id: number) => `/admin/customer-users/${id}`;
export const conversationPath = (id: number) => `/admin/conversations/${id}`;

/** The saved view: conversations I take part in that are Active. */
export const MY_CONVERSATIONS_URL = '/admin/conversations?mine=true&status=active';

/** The saved view: conversations where someone mentioned me. */
export const MENTIONS_URL = '/admin/conversations?mentioned=true';
/** The Search page, with its words and filters in the query string. */
export const searchPath = (params: Record<string, string> = {}) => {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return query ? `/admin/search?${query}` : '/admin/search';
};
