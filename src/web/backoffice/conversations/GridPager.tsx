import { PAGE_SIZES } from './gridQuery';

/** Server-side pages: the total, first/previous/next/last, and the page size. */
export function GridPager({ total, page, pageSize, onPage, onPageSize }: { total: number; page: number; pageSize: number; onPage(p: number): void; onPageSize(s: number): void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total ? (page - 1) * pageSize + 1 : 0;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label="Pagination">
      <p className="pager-range">
        {from}–{to} of {total}
      </p>
      <div className="pager-pages">
        <button type="button" className="btn btn-small" onClick={() => onPage(1)} disabled={page <= 1} aria-label="First page">
          «
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
          ‹
        </button>
        <span className="pager-current">
          Page {Math.min(page, pages)} of {pages}
        </span>
        <button type="button" className="btn btn-small" onClick={() => onPage(page + 1)} disabled={page >= pages} aria-label="Next page">
          ›
        </button>
        <button type="button" className="btn btn-small" onClick={() => onPage(pages)} disabled={page >= pages} aria-label="Last page">
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
