import { useCallback, useMemo } from 'react';
import type { GridSort } from '../../../shared/api';
import { navigate, useLocation } from '../router';
import { gridSearch, readGridState, type FilterKey, type GridFilters, type GridState } from './gridQuery';

const BASE = '/admin/conversations';

/** The grid's state, read from and written to the URL (so links, reloads and Back work). */
export function useGridState() {
  const { search } = useLocation();
  const state = useMemo(() => readGridState(new URLSearchParams(search)), [search]);

  const go = useCallback((next: GridState, replace = false) => navigate(`${BASE}${gridSearch(next)}`, { replace }), []);

  return {
    state,
    /** typing in a filter replaces the history entry instead of adding one per keystroke */
    setFilter: (key: FilterKey, value: string, replace = false) =>
      go({ ...state, filters: { ...state.filters, [key]: value }, page: 1 }, replace),
    setFilters: (filters: GridFilters) => go({ ...state, filters, page: 1 }),
    setSort: (sort: GridSort) =>
      go({
        ...state,
        sort,
        order: state.sort === sort && state.order === 'desc' ? 'asc' : state.sort === sort ? 'desc' : defaultOrder(sort),
        page: 1,
      }),
    setPage: (page: number) => go({ ...state, page }),
    setPageSize: (pageSize: number) => go({ ...state, pageSize, page: 1 }),
  };
}

/** Dates and counts read best newest/largest first; names alphabetically. */
const defaultOrder = (sort: GridSort): 'asc' | 'desc' =>
  sort === 'createdAt' || sort === 'lastMessageAt' || sort === 'messagesCount' ? 'desc' : 'asc';
