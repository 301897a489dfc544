// Loading and error states, the same on every page.
import { errorText } from './session';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <span>{errorText(error)}</span>
      {retry && (
        <button type="button" className="btn btn-small" onClick={retry}>
          Try Again
        </button>
      )}
    </div>
  );
}
