// Settings > Saved replies: my personal replies and the shared ones; anyone
// adds personal ones, Administrators also manage the shared ones. In a
// conversation, `/` at the start of a message inserts one.
import { useState } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { toApiError } from '../../ui/api';
import { useLoad } from '../../ui/useLoad';
import { useSession } from '../session';
import { ConfirmDialog } from '../shell/Dialog';
import { usePageTitle } from '../shell/usePageTitle';
import { replies, type SavedReply } from './repliesApi';
import { SavedReplyForm } from './SavedReplyForm';

export function SavedRepliesPage() {
  usePageTitle('Saved replies');
  const { isAdministrator } = useSession();
  const list = useLoad(() => replies.list(), []);
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<SavedReply | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  const remove = async () => {
    if (!deleting) return;
    try {
      await replies.remove(deleting.id);
      setDeleting(null);
      list.reload();
    } catch (err) {
      setDeleteError(toApiError(err).message);
    }
  };

  return (
    <div className="page page-narrow">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Settings</p>
          <h1>Saved replies</h1>
        </div>
      </div>
      <p className="muted form-intro">
        In a conversation, type <kbd>/</kbd> at the start of a message to insert one.{' '}
        {isAdministrator ? 'Shared replies are offered to every back-office user.' : 'Administrators manage the shared replies.'}
      </p>
      <SavedReplyForm editing={null} mayShare={isAdministrator} onSaved={() => list.reload()} />
      <ErrorAlert>{list.error ? <>Could not load the saved replies: {list.error.message}</> : null}</ErrorAlert>
      {list.data && items.length === 0 ? <p className="empty">There are no saved replies yet.</p> : null}
      <ul className="reply-list" aria-label="Saved replies">
        {items.map((r) =>
          editing === r.id ? (
            <li key={r.id}>
              <SavedReplyForm
                editing={r}
                mayShare={isAdministrator}
                onCancel={() => setEditing(null)}
                onSaved={() => {
                  setEditing(null);
                  list.reload();
                }}
              />
            </li>
          ) : (
            <li key={r.id} className="card reply-item">
              <div className="reply-head">
                <h2>{r.title}</h2>
                <span className={`badge ${r.shared ? 'badge-shared' : 'badge-personal'}`}>{r.shared ? 'Shared' : 'Personal'}</span>
              </div>
              <p className="reply-body">{r.body}</p>
              {r.mayEdit ? (
                <div className="reply-actions">
                  <button type="button" className="btn btn-small" aria-label={`Edit ${r.title}`} onClick={() => setEditing(r.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={`Delete ${r.title}`}
                    onClick={() => {
                      setDeleteError(null);
                      setDeleting(r);
                    }}
                  >
                    Delete
                  </button>
                </div>
              ) : null}
            </li>
          ),
        )}
      </ul>
      {deleting ? (
        <ConfirmDialog
          title="Delete saved reply"
          message={`Delete "${deleting.title}"?`}
          confirmLabel="Delete"
          onConfirm={() => void remove()}
          onClose={() => setDeleting(null)}
          error={deleteError}
        />
      ) : null}
    </div>
  );
}
