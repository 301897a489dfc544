// The one form behind "Create Conversation" and "Ask A Question": Subject,
// Your Message, Send. Blank fields are caught here, so nothing is sent.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { BLANK, SUBJECT_MAX, type ConversationSummary } from '../../../shared/api';
import { ApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { newIdempotencyKey, storefront } from '../api';
import { errorText } from '../session';

interface Props {
  title: string;
  subject?: string;
  recordId?: number;
  onClose(): void;
  onCreated(conversation: ConversationSummary): void;
}

type Fields = { subject?: string; message?: string };

export function NewConversationDialog({ title, subject: initialSubject = '', recordId, onClose, onCreated }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [subject, setSubject] = useState(initialSubject);
  const [message, setMessage] = useState('');
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // one key per question: a resend after a network failure cannot make two
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const blank: Fields = {};
    if (!subject.trim()) blank.subject = BLANK;
    if (!message.trim()) blank.message = BLANK;
    setFields(blank);
    setError(null);
    if (blank.subject || blank.message) {
      dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await storefront.createConversation(
        { subject: subject.trim(), message, ...(recordId ? { recordId } : {}) },
        key.current,
      );
      onCreated(created.conversation);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        setFields({ subject: err.fields.subject, message: err.fields.message });
        key.current = newIdempotencyKey();
      }
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="new-conversation-title" onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog-head">
          <h2 id="new-conversation-title">{title}</h2>
          <button type="button" className="btn btn-ghost btn-icon" aria-label="Close" onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {/* an error of a field shows beside the field instead */}
        <ErrorAlert>{!fields.subject && !fields.message && error}</ErrorAlert>
        <Field id="new-subject" label="Subject" required error={fields.subject}>
          {(a11y) => <input {...a11y} maxLength={SUBJECT_MAX} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
        <Field id="new-message" label="Your Message" required error={fields.message}>
          {(a11y) => <textarea {...a11y} rows={6} value={message} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
