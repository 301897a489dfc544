import { describe, expect, it } from 'vitest';
import { apiSearch, gridSearch, isMyConversations, readGridState } from './gridQuery';

describe('the grid state in the URL', () => {
  it('reads defaults from an empty query and writes them as nothing', () => {
    const state = readGridState(new URLSearchParams(''));
    expect(state).toEqual({ filters: {}, sort: 'lastMessageAt', order: 'desc', page: 1, pageSize: 25 });
    expect(gridSearch(state)).toBe('');
    expect(apiSearch(state)).toBe('?sort=lastMessageAt&order=desc&page=1&pageSize=25');
  });

  it('keeps filters, sort, page and page size through a round trip', () => {
    const search = '?name=Bulk&owner=none&createdFrom=2026-11-01&sort=name&order=asc&page=3&pageSize=100';
    expect(gridSearch(readGridState(new URLSearchParams(search)))).toBe(search);
  });

  it('falls back to defaults for values the server would refuse', () => {
    const state = readGridState(new URLSearchParams('sort=evil&order=sideways&page=-2&pageSize=7&bogus=1'));
    expect(state).toEqual({ filters: {}, sort: 'lastMessageAt', order: 'desc', page: 1, pageSize: 25 });
  });

  it('knows the saved view My Conversations only when nothing else is filtered', () => {
    expect(isMyConversations(readGridState(new URLSearchParams('mine=true&status=active')).filters)).toBe(true);
    expect(isMyConversations(readGridState(new URLSearchParams('mine=true&status=active&name=x')).filters)).toBe(false);
  });
});
