// A grey outline of what is loading (message bubbles, list rows) instead of a
// bare "Loading…": the page keeps its shape, and screen readers still hear
// what is loading through the hidden status text.

interface Props {
  /** what loads, for screen readers: "messages" → "Loading messages…" */
  what: string;
  /** how many placeholder rows */
  rows?: number;
  /** "message": avatar and bubble; "row": two lines of a list item */
  shape?: 'message' | 'row';
}

export function Skeleton({ what, rows = 3, shape = 'row' }: Props) {
  return (
    <div className={`skeleton skeleton-${shape}s`} role="status">
      <span className="visually-hidden">Loading {what}…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={`skeleton-${shape}`} aria-hidden="true">
          {shape === 'message' && <span className="skeleton-avatar" />}
          <span className="skeleton-lines">
            <span className="skeleton-line skeleton-line-short" />
            <span className="skeleton-line" style={{ width: `${90 - ((i * 23) % 40)}%` }} />
          </span>
        </div>
      ))}
    </div>
  );
}
