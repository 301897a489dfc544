import { useSyncExternalStore } from 'react';
import { dismissNotice, noticeStore } from './notices';

/** The confirmations of what just happened, bottom left, each for a few seconds. */
export function Notices() {
  const notices = useSyncExternalStore(noticeStore.subscribe, noticeStore.snapshot);
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Confirmations">
      {notices.map((n) => (
        <div className="toast notice" key={n.id}>
          <p>{n.text}</p>
          <button type="button" className="btn btn-ghost btn-small" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
