// The grid's state is the URL query: filters, sort, order, page, page size.
// Defaults are left out so that the plain /admin/conversations is the default view.
import { GridSort, type GridQuery } from '../../../shared/api';
import { queryString } from '../../ui/api';
import type { GridQueryParams } from '../api';

export const FILTER_KEYS = [
  'name',
  'messagesMin',
  'messagesMax',
  'source',
  'sourceType',
  'owner',
  'customer',
  'customerUser',
  'status',
  'createdFrom',
  'createdTo',
  'lastMessageFrom',
  'lastMessageTo',
  'mine',
  'unread',
  'mentioned',
  'waiting',
] as const satisfies readonly (keyof GridQuery)[];
export type FilterKey = (typeof FILTER_KEYS)[number];
export type GridFilters = Partial<Record<FilterKey, string>>;

export const SORTS: readonly GridSort[] = GridSort.options;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_SORT: GridSort = 'lastMessageAt';
export const DEFAULT_PAGE_SIZE = 25;

export interface GridState {
  filters: GridFilters;
  sort: GridSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function readGridState(params: URLSearchParams): GridState {
  const filters: GridFilters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  const sort = params.get('sort') as GridSort | null;
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    filters,
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_SORT,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The URL query of a state, without the defaults ('' for the default view). */
export function gridSearch(state: GridState): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = state.filters[key];
    if (v) q.set(key, v);
  }
  if (state.sort !== DEFAULT_SORT || state.order !== 'desc') {
    q.set('sort', state.sort);
    q.set('order', state.order);
  }
  if (state.page !== 1) q.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) q.set('pageSize', String(state.pageSize));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The API query: the same state, with every key explicit. */
export function apiQuery(state: GridState): GridQueryParams {
  return { ...state.filters, sort: state.sort, order: state.order, page: state.page, pageSize: state.pageSize };
}

/** The API query as the request carries it. */
export const apiSearch = (state: GridState) => queryString(apiQuery(state));

/** The saved view Unassigned: Active conversations without owner, and nothing else filtered. */
export const UNASSIGNED_URL = '/admin/conversations?owner=none&status=active';
export const isUnassigned = (f: GridFilters) => f.owner === 'none' && f.status === 'active' && Object.keys(f).length === 2;

/** The saved view My Conversations (see MY_CONVERSATIONS_URL), and nothing else filtered. */
export const isMyConversations = (f: GridFilters) => f.mine === 'true' && f.status === 'active' && Object.keys(f).length === 2;

/** The saved view Mentions (see MENTIONS_URL): conversations where someone mentioned me, whatever their status. */
export const isMentions = (f: GridFilters) => f.mentioned === 'true' && Object.keys(f).length === 1;

/** The view Waiting on us: the customer's message is unanswered, longest waiting first. */
export const WAITING_URL = '/admin/conversations?waiting=true&sort=waitingSince&order=asc';
export const isWaiting = (f: GridFilters) => f.waiting === 'true' && Object.keys(f).length === 1;
/** Ranges given upside down (Messages 5 to 1, a "to" date before its "from"): each said in words, since they find nothing. */
export function invertedRanges(f: GridFilters): string[] {
  const pairs: [FilterKey, FilterKey, string][] = [
    ['messagesMin', 'messagesMax', 'Messages'],
    ['createdFrom', 'createdTo', 'Created'],
    ['lastMessageFrom', 'lastMessageTo', 'Last message'],
  ];
  return pairs.flatMap(([lo, hi, label]) => {
    const a = f[lo];
    const b = f[hi];
    if (!a || !b) return [];
    const numeric = lo === 'messagesMin';
    const inverted = numeric ? Number(a) > Number(b) : a > b;
    return inverted ? [`${label} from ${a} is ${numeric ? 'more than' : 'after'} ${label} to ${b}: no conversation can match.`] : [];
  });
}
