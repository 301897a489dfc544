import type { ReactNode } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { Loaded } from '../../ui/useLoad';
import { Link } from '../router';
import { usePageTitle } from '../shell/usePageTitle';
import { Skeleton } from '../../ui/chat/Skeleton';

interface Props<T> {
  fetched: Loaded<T>;
  section: { label: string; to: string };
  title(item: T): string;
  details(item: T): [string, ReactNode][];
  children(item: T): ReactNode;
}

/** The page of one customer, customer user or record: header, details, then its panels. */
export function DetailFrame<T>({ fetched, section, title, details, children }: Props<T>) {
  const item = fetched.data;
  usePageTitle(item ? title(item) : null);
  if (fetched.error && !item) {
    return (
      <div className="page">
        <ErrorAlert>
          {fetched.error.status === 404 ? 'This page does not exist or was deleted.' : `Could not load it: ${fetched.error.message}`}
        </ErrorAlert>
        <Link to={section.to}>Back to {section.label}</Link>
      </div>
    );
  }
  if (!item) return <Skeleton what="the page" rows={4} />;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to={section.to}>{section.label}</Link>
          </p>
          <h1>{title(item)}</h1>
        </div>
      </div>
      <dl className="details card">
        {details(item).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ?? <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      {children(item)}
    </div>
  );
}
