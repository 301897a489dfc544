import { PAGE_SIZES } from './gridQuery';

/** "1,234", or "10,000+" when the server stopped counting. */
export const formatTotal = (total: number, capped: boolean) => `${total.toLocaleString('en-US')}${capped ? '+' : ''}`;

/** Server-side pages: the total, first/previous/next/last, and the page size. */
export function GridPager({
  total,
  capped = false,
  page,
  pageSize,
  onPage,
  onPageSize,
}: {
  total: number;
  capped?: boolean;
  page: number;
  pageSize: number;
  onPage(p: number): void;
  onPageSize(s: number): void;
}) {
  // an empty list says so itself: no "0–0 of 0 · Page 1 of 1"
  if (total === 0 && !capped) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total ? (page - 1) * pageSize + 1 : 0;
  // past a capped total there are more pages than we know of
  const to = capped ? page * pageSize : Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label="Pagination">
      <p className="pager-range">
        {from}–{to} of {formatTotal(total, capped)}
      </p>
      <div className="pager-pages">
        <button type="button" className="btn btn-small" onClick={() => onPage(1)} disabled={page <= 1} aria-label="First page">
          «
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
          ‹
        </button>
        <span className="pager-current">
          Page {capped ? page : Math.min(page, pages)} of {pages}
          {capped ? '+' : ''}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onPage(page + 1)}
          disabled={page >= pages && !capped}
          aria-label="Next page"
        >
          ›
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onPage(pages)}
          disabled={page >= pages || capped}
          aria-label="Last page"
        >
          »
        </button>
      </div>
      <label className="pager-size">
        Per page{' '}
        <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
