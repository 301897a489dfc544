// The inbox's views and its URL: /admin/inbox?view=waiting&c=12&name=…
// Each view is a grid query, so the inbox and the grid count the same rows.
import type { GridQueryParams } from '../api';

export type InboxView = 'waiting' | 'unassigned' | 'mine' | 'participating';

export const INBOX_VIEWS: { view: InboxView; label: string }[] = [
  { view: 'waiting', label: 'Waiting on us' },
  { view: 'unassigned', label: 'Unassigned' },
  { view: 'mine', label: 'Mine' },
  { view: 'participating', label: 'My Conversations' },
];

/** The compact filter bar: the grid's text filters that matter when working through a queue. */
export const INBOX_FILTERS = [
  { key: 'name', label: 'Name' },
  { key: 'customer', label: 'Customer' },
  { key: 'customerUser', label: 'Customer User' },
] as const;
export type InboxFilterKey = (typeof INBOX_FILTERS)[number]['key'];

export interface InboxState {
  view: InboxView;
  /** the open conversation */
  selected: number | null;
  filters: Partial<Record<InboxFilterKey, string>>;
}

export function readInboxState(params: URLSearchParams): InboxState {
  const view = INBOX_VIEWS.find((v) => v.view === params.get('view'))?.view ?? 'waiting';
  const c = Number(params.get('c'));
  const filters: InboxState['filters'] = {};
  for (const { key } of INBOX_FILTERS) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  return { view, selected: Number.isInteger(c) && c > 0 ? c : null, filters };
}

export function inboxUrl(state: InboxState): string {
  const q = new URLSearchParams();
  if (state.view !== 'waiting') q.set('view', state.view);
  for (const { key } of INBOX_FILTERS) if (state.filters[key]) q.set(key, state.filters[key]);
  if (state.selected) q.set('c', String(state.selected));
  const s = q.toString();
  return s ? `/admin/inbox?${s}` : '/admin/inbox';
}

/** The grid query of a view: Waiting on us longest waiting first, the others newest activity first. */
export function viewQuery(state: InboxState, me: number): GridQueryParams {
  const base: GridQueryParams = { ...state.filters, pageSize: 100 };
  switch (state.view) {
    case 'waiting':
      return { ...base, waiting: 'true', sort: 'waitingSince', order: 'asc' };
    case 'unassigned':
      return { ...base, owner: 'none', status: 'active' };
    case 'mine':
      return { ...base, owner: String(me), status: 'active' };
    case 'participating':
      return { ...base, mine: 'true', status: 'active' };
  }
}

/** The same view in the grid, for "Open in grid". */
export function gridUrlOf(state: InboxState, me: number): string {
  const { pageSize: _pageSize, ...query } = viewQuery(state, me);
  return `/admin/conversations?${new URLSearchParams(query as Record<string, string>).toString()}`;
}

/** "waiting 2 h": how long the customer has waited, in the largest whole unit. */
export function waitingLabel(since: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 1) return 'waiting < 1 min';
  if (minutes < 60) return `waiting ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `waiting ${hours} h`;
  return `waiting ${Math.floor(hours / 24)} d`;
}
