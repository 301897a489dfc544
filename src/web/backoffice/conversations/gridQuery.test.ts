import { describe, expect, it } from 'vitest';
import { apiSearch, gridSearch, invertedRanges, isMyConversations, readGridState } from './gridQuery';

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

  it('says which ranges are upside down, and nothing of ranges the right way up', () => {
    const f = (q: string) => invertedRanges(readGridState(new URLSearchParams(q)).filters);
    expect(f('messagesMin=5&messagesMax=1')).toEqual(['Messages from 5 is more than Messages to 1: no conversation can match.']);
    expect(f('messagesMin=1&messagesMax=5&createdFrom=2026-11-01&createdTo=2026-11-02')).toEqual([]);
    expect(f('messagesMin=9&messagesMax=10')).toEqual([]);
    expect(f('lastMessageFrom=2026-11-03&lastMessageTo=2026-11-02')).toEqual([
      'Last message from 2026-11-03 is after Last message to 2026-11-02: no conversation can match.',
    ]);
  });
});
