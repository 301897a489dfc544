// A saved reply's fields: Title, Text (with the variables it may hold), and
// for Administrators whether every back-office user shares it.
import { useState, type FormEvent } from 'react';
import { REPLY_VARIABLES } from '../../../shared/replies';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { toApiError } from '../../ui/api';
import { replies, type SavedReply } from './repliesApi';

interface Props {
  /** the reply to change; none: a new one */
  editing: SavedReply | null;
  mayShare: boolean;
  onSaved(reply: SavedReply): void;
  onCancel?(): void;
}

export function SavedReplyForm({ editing, mayShare, onSaved, onCancel }: Props) {
  const [title, setTitle] = useState(editing?.title ?? '');
  const [body, setBody] = useState(editing?.body ?? '');
  const [shared, setShared] = useState(editing?.shared ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = editing ? `reply-${editing.id}` : 'reply-new';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const input = { title, body, ...(mayShare ? { shared } : {}) };
      const saved = editing ? await replies.update(editing.id, input) : await replies.create(input);
      setErrors({});
      setFailure(null);
      if (!editing) {
        setTitle('');
        setBody('');
        setShared(false);
      }
      onSaved(saved);
    } catch (err) {
      const apiError = toApiError(err);
      setErrors(apiError.fields);
      setFailure(Object.keys(apiError.fields).length ? null : apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form reply-form" onSubmit={submit} noValidate aria-label={editing ? `Edit ${editing.title}` : 'New saved reply'}>
      <ErrorAlert>{failure}</ErrorAlert>
      <Field id={`${prefix}-title`} label="Title" required error={errors.title}>
        {(control) => <input {...control} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field
        id={`${prefix}-body`}
        label="Text"
        required
        error={errors.body}
        hint={`Variables, filled in when inserted: ${REPLY_VARIABLES.map((v) => `{{${v}}}`).join(' ')}`}
      >
        {(control) => <textarea {...control} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      {mayShare ? (
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Shared with every back-office user
        </label>
      ) : null}
      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {editing ? 'Save' : 'Add saved reply'}
        </button>
      </div>
    </form>
  );
}
