import { useEffect, useState, type ReactNode } from 'react';
import { queryString } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLoad } from '../../ui/useLoad';
import type { ListOf, SearchQuery } from '../api';
import { navigate, useLocation } from '../router';
import { usePageTitle } from '../shell/usePageTitle';
import { Skeleton } from '../../ui/chat/Skeleton';

export interface Column<T> {
  label: string;
  render(row: T): ReactNode;
  className?: string;
}

const PAGE = 50;

interface Props<T> {
  title: string;
  section: string;
  /** one page of the list: the backoffice endpoint, with what the page filters on */
  load(query: SearchQuery): Promise<ListOf<T>>;
  columns: Column<T>[];
  noun: string;
  /** when not noun + "s": "requests for quote" */
  plural?: string;
}

/** A searchable, paged list page (customers, customer users, records); `q` and the page live in the URL. */
export function SearchList<T extends { id: number }>({ title, section, load, columns, noun, plural = `${noun}s` }: Props<T>) {
  const { pathname, params } = useLocation();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  usePageTitle(title);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => {
    if (draft === q) return;
    const t = window.setTimeout(() => navigate(`${pathname}${queryString({ q: draft.trim() })}`, { replace: true }), 300);
    return () => window.clearTimeout(t);
  }, [draft, q, pathname]);

  // `load` is the same endpoint on every render; a new query or page is a new load
  const list = useLoad(() => load({ q, limit: PAGE, offset: (page - 1) * PAGE }), [q, page]);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const goPage = (p: number) => navigate(`${pathname}${queryString({ q, page: p === 1 ? undefined : p })}`);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">{section}</p>
          <h1>{title}</h1>
        </div>
      </div>
      <div className="toolbar">
        <div className="filter filter-search">
          <label htmlFor="list-search">Search {title.toLowerCase()}</label>
          <input id="list-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <p className="toolbar-total" aria-live="polite">
          {list.data ? `${total} ${total === 1 ? noun : plural}` : ''}
        </p>
      </div>
      <ErrorAlert>
        {list.error ? (
          <>
            Could not load {title.toLowerCase()}: {list.error.message}
          </>
        ) : null}
      </ErrorAlert>
      <div className={`grid-wrap${list.loading ? ' is-loading' : ''}`} aria-busy={list.loading}>
        <table className="grid" aria-label={title}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} className={c.className}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((row) => (
              <tr key={row.id}>
                {columns.map((c) => (
                  <td key={c.label} className={c.className}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && total === 0 ? <p className="empty">Nothing found.</p> : null}
        {!list.data && list.loading ? <Skeleton what={plural} rows={6} /> : null}
      </div>
      {pages > 1 ? (
        <nav className="pager" aria-label="Pagination">
          <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => goPage(page - 1)}>
            Previous
          </button>
          <span className="pager-current">
            Page {page} of {pages}
          </span>
          <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => goPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
}
