// The back-office Search page: words (prefixes, "quoted phrases") over every
// conversation name and message, internal notes too, narrowed by filters;
// best match first, then newest; "Show More" reads the next keyset page.
import { useEffect, useState } from 'react';
import type { SearchHit, SearchPage as Page } from '../../../shared/search';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Snippet } from '../../ui/Snippet';
import { formatFull, formatMoment } from '../../ui/time';
import { useDebouncedSearch } from '../../ui/useDebouncedSearch';
import { backoffice } from '../api';
import { StatusBadge } from '../conversations/StatusBadge';
import { useBackofficeUsers } from '../conversations/useBackofficeUsers';
import { conversationPath, searchPath } from '../paths';
import { Link, navigate, useLocation } from '../router';
import { usePageTitle } from '../shell/usePageTitle';
import { FILTER_KEYS, SearchFilters, type FilterKey, type Filters } from './SearchFilters';

const filtersOf = (params: URLSearchParams): Filters =>
  Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));

export function SearchPage() {
  usePageTitle('Search');
  const { params } = useLocation();
  const filters = filtersOf(params);
  const query = new URLSearchParams(filters).toString();
  const users = useBackofficeUsers();
  const search = useDebouncedSearch<Page>(query === '' ? null : query, () => backoffice.search(`${query}&limit=25`));
  const [more, setMore] = useState<{ items: SearchHit[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // on a narrow screen the filters start folded, so the results show first
  const [wide] = useState(() => window.matchMedia('(min-width: 861px)').matches);
  useEffect(() => setMore(null), [query]);

  const onChange = (key: FilterKey, value: string) => navigate(searchPath({ ...filters, [key]: value }), { replace: true });
  const page = search.result;
  const items = [...(page?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (page?.nextCursor ?? null);
  const loadMore = () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    backoffice.search(`${query}&limit=25&cursor=${encodeURIComponent(nextCursor)}`).then(
      (next) => {
        setMore({ items: [...(more?.items ?? []), ...next.items], nextCursor: next.nextCursor });
        setLoadingMore(false);
      },
      () => setLoadingMore(false),
    );
  };

  return (
    <div className="page search-page">
      <div className="page-head">
        <h1>Search</h1>
        <p className="toolbar-total" aria-live="polite">
          {page
            ? `${page.totalExact ? page.total.toLocaleString('en-US') : `More than ${page.total.toLocaleString('en-US')}`} results`
            : ''}
        </p>
      </div>
      <div className="filter search-words">
        <label htmlFor="search-q">Words</label>
        <input
          id="search-q"
          type="search"
          value={filters.q ?? ''}
          placeholder='invoice "net 30"'
          onChange={(e) => onChange('q', e.target.value)}
        />
      </div>
      <details className="search-filters" open={wide}>
        <summary>Filters</summary>
        <SearchFilters filters={filters} users={users} onChange={onChange} />
      </details>
      <ErrorAlert>{search.error ? 'The search failed. Check the words and filters, and try again.' : null}</ErrorAlert>
      {query === '' ? (
        <p className="empty">Type words, or choose a filter.</p>
      ) : page && items.length === 0 ? (
        <p className="empty">Nothing matches.</p>
      ) : (
        <ol className={`search-results${search.loading ? ' is-loading' : ''}`} aria-label="Search results" aria-busy={search.loading}>
          {items.map((hit) => (
            <li key={`${hit.kind}-${hit.message?.id ?? hit.conversation.id}`} className="search-result">
              <div className="search-result-head">
                <Link to={conversationPath(hit.conversation.id)} className="search-result-name">
                  {hit.conversation.name}
                </Link>
                <span className="muted">{hit.conversation.customerName}</span>
                {hit.conversation.status === 'closed' && <StatusBadge status="closed" />}
                <time className="muted" dateTime={hit.at} title={formatFull(hit.at)}>
                  {formatMoment(hit.at)}
                </time>
              </div>
              <p className="search-result-snippet">
                {hit.message ? (
                  <span className="muted">
                    #{hit.message.seq} {hit.message.type === 'note' ? 'Internal note' : (hit.message.author ?? 'System')}:{' '}
                  </span>
                ) : (
                  <span className="muted">Name: </span>
                )}
                <Snippet parts={hit.snippet} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {nextCursor && (
        <div className="list-more">
          <button type="button" className="btn" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Show More'}
          </button>
        </div>
      )}
    </div>
  );
}
