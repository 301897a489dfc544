// Loading and error states, the same on every page.
import { toApiError } from '../ui/api';
import { Skeleton } from '../ui/chat/Skeleton';
import { Link } from './Link';
import { errorText } from './session';
import { usePageTitle } from './usePageTitle';

/** The shape of what loads (a few grey rows), not a bare "Loading…"; screen readers hear "Loading {what}…". */
export function Loading({ what, rows = 3 }: { what: string; rows?: number }) {
  return <Skeleton what={what} rows={rows} />;
}

/** `back`: where to go instead when it is not there (a 404), since trying again cannot help. */
export function LoadError({ error, retry, back }: { error: unknown; retry?: () => void; back?: { href: string; label: string } }) {
  const missing = back && toApiError(error).status === 404;
  return (
    <div className="alert alert-error" role="alert">
      <span>{errorText(error)}</span>
      {missing ? (
        <Link href={back.href} className="btn btn-small">
          {back.label}
        </Link>
      ) : (
        retry && (
          <button type="button" className="btn btn-small" onClick={retry}>
            Try Again
          </button>
        )
      )}
    </div>
  );
}

/** Any address the storefront has no page for. */
export function PageNotFound() {
  usePageTitle('Page not found');
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address. It may have been mistyped, or the link is old.</p>
      <p>
        <Link href="/conversations" className="btn btn-primary">
          Go to Conversations
        </Link>
      </p>
    </div>
  );
}
