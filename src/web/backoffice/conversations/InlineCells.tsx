// The grid's inline edits: Name (a text field) and Owner (a select), saved with PATCH.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { BLANK, SUBJECT_MAX, tooLongMessage, type ConversationSummary } from '../../../shared/api';
import { CharacterCounter, overLimit } from '../../ui/CharacterCounter';
import { toApiError } from '../../ui/api';
import type { UpdateConversationBody } from '../../ui/apiTypes';
import { backoffice, type BackofficeUser } from '../api';
import { conversationPath } from '../paths';
import { Link } from '../router';
import { useSession } from '../session';

/** Inline edit state; closing the editor puts focus back on its pencil, so the keyboard keeps its place. */
function useInlineEditing() {
  const [editing, setEditing] = useState(false);
  const pencilRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) pencilRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  return { editing, setEditing, pencilRef };
}

function useSave(row: ConversationSummary, onUpdated: (r: ConversationSummary) => void, done: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (patch: UpdateConversationBody) => {
    setBusy(true);
    try {
      onUpdated(await backoffice.updateConversation(row.id, patch));
      setError(null);
      done();
    } catch (e) {
      const err = toApiError(e);
      setError(err.fields.name ?? err.fields.ownerId ?? err.message);
    } finally {
      setBusy(false);
    }
  };
  return { save, error, busy, clearError: () => setError(null) };
}

/** The Name cell: a link, and a pencil that turns it into an input (Enter saves, Escape cancels). */
export function InlineName({ row, onUpdated }: { row: ConversationSummary; onUpdated(r: ConversationSummary): void }) {
  const { editing, setEditing, pencilRef } = useInlineEditing();
  const [draft, setDraft] = useState(row.name);
  const { save, error, busy, clearError } = useSave(row, onUpdated, () => setEditing(false));
  if (!editing) {
    return (
      <span className="inline-view">
        {/* a long name stays on two lines; the whole of it is in the title */}
        <Link to={conversationPath(row.id)} className={`name-clamp${row.unreadCount > 0 ? ' unread' : ''}`} title={row.name}>
          {row.name}
        </Link>
        <button
          ref={pencilRef}
          type="button"
          className="icon-btn"
          aria-label={`Rename ${row.name}`}
          onClick={() => (setDraft(row.name), clearError(), setEditing(true))}
        >
          ✎
        </button>
      </span>
    );
  }
  // refused with a message, not cut at the limit
  const problem = error ?? (!draft.trim() ? BLANK : overLimit(draft.length, SUBJECT_MAX) ? tooLongMessage(SUBJECT_MAX) : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim() || overLimit(draft.length, SUBJECT_MAX)) return;
    void save({ name: draft });
  };
  return (
    <form className="inline-edit inline-edit-name" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
      <input
        aria-label={`Name of ${row.name}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        autoFocus
        aria-invalid={!!problem}
      />
      <SaveCancel busy={busy} onCancel={() => setEditing(false)} />
      <CharacterCounter length={draft.length} limit={SUBJECT_MAX} />
      {problem ? <span className="field-error">{problem}</span> : null}
    </form>
  );
}

/** The Owner cell: a select that saves when changed. */
export function InlineOwner({
  row,
  users,
  onUpdated,
}: {
  row: ConversationSummary;
  users: BackofficeUser[];
  onUpdated(r: ConversationSummary): void;
}) {
  const { user, isAdministrator } = useSession();
  const { editing, setEditing, pencilRef } = useInlineEditing();
  const [draft, setDraft] = useState('');
  const { save, error, busy } = useSave(row, onUpdated, () => setEditing(false));
  if (!editing) {
    return (
      <span className="inline-view">
        {row.owner ? row.owner.name : <span className="muted">No owner</span>}
        <button
          ref={pencilRef}
          type="button"
          className="icon-btn"
          aria-label={`Change owner of ${row.name}`}
          onClick={() => (setDraft(row.owner ? String(row.owner.id) : ''), setEditing(true))}
        >
          ✎
        </button>
      </span>
    );
  }
  const current = row.owner ? String(row.owner.id) : '';
  // saved with a button, not on change: arrow keys on a closed select change its value
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft === current) return setEditing(false);
    void save({ ownerId: draft ? Number(draft) : null });
  };
  return (
    <form className="inline-edit" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
      <select aria-label={`Owner of ${row.name}`} autoFocus disabled={busy} value={draft} onChange={(e) => setDraft(e.target.value)}>
        {/* a Sales Manager may only take a conversation himself */}
        <option value="" disabled={!isAdministrator}>
          No owner
        </option>
        {users.map((u) => (
          <option key={u.id} value={u.id} disabled={!isAdministrator && u.id !== user.id && u.id !== row.owner?.id}>
            {u.name}
          </option>
        ))}
      </select>
      <SaveCancel busy={busy} onCancel={() => setEditing(false)} />
      {error ? <span className="field-error">{error}</span> : null}
    </form>
  );
}

/** The two buttons every inline edit ends with. */
function SaveCancel({ busy, onCancel }: { busy: boolean; onCancel(): void }) {
  return (
    <>
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        Save
      </button>
      <button type="button" className="btn btn-small" onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}
