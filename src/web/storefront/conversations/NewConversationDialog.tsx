// The one form behind "Create Conversation", "Ask A Question" and "Ask a
// follow-up": Subject, Your Message (or only files: Attach, or paste an
// image), Send. Blank or too long fields are caught
// here (focus goes to the first), so nothing is sent and nothing is cut;
// closing with typed text asks first, in the dialog itself.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { BLANK, MESSAGE_MAX, SUBJECT_MAX, type ConversationSummary } from '../../../shared/api';
import { ApiError } from '../../ui/api';
import { AttachButton, AttachmentTray } from '../../ui/AttachmentTray';
import { CharacterCounter, overLimit } from '../../ui/CharacterCounter';
import { attachPasted, useAttachmentDrafts } from '../../ui/useAttachmentDrafts';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { newIdempotencyKey, storefront, storefrontClient } from '../api';
import { errorText } from '../session';

interface Props {
  title: string;
  subject?: string;
  /** a first message already written (a follow-up names the closed conversation) */
  message?: string;
  recordId?: number;
  onClose(): void;
  onCreated(conversation: ConversationSummary): void;
}

type Fields = { subject?: string; message?: string };

const tooLong = (what: string, max: number) => `The ${what} is too long: it may have at most ${max.toLocaleString('en-US')} characters.`;

function check(subject: string, message: string, files: { ready: number; uploading: boolean }): Fields {
  const bad: Fields = {};
  if (!subject.trim()) bad.subject = BLANK;
  else if (overLimit(subject.trim().length, SUBJECT_MAX)) bad.subject = tooLong('subject', SUBJECT_MAX);
  if (files.uploading) bad.message = 'Wait for the files to finish uploading.';
  // files alone make a first message too
  else if (!message.trim() && files.ready === 0) bad.message = BLANK;
  else if (overLimit(message.length, MESSAGE_MAX)) bad.message = tooLong('message', MESSAGE_MAX);
  return bad;
}

export function NewConversationDialog(props: Props) {
  const { title, subject: initialSubject = '', message: initialMessage = '', recordId, onClose, onCreated } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [subject, setSubject] = useState(initialSubject);
  const [message, setMessage] = useState(initialMessage);
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const drafts = useAttachmentDrafts(storefrontClient);
  // one key per question: a resend after a network failure cannot make two
  const key = useRef(newIdempotencyKey());
  const focus = (id: string) => document.getElementById(id)?.focus();

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // where the user starts typing: the subject, or the message when the subject is given
    focus(initialSubject ? 'new-message' : 'new-subject');
    return () => d?.close();
  }, [initialSubject]);
  useEffect(() => {
    if (confirming) focus('keep-writing');
  }, [confirming]);

  const typed = subject !== initialSubject || message.trim() !== initialMessage.trim() || drafts.drafts.length > 0;
  const requestClose = () => (typed && !busy ? setConfirming(true) : onClose());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = check(subject, message, { ready: drafts.ready.length, uploading: drafts.uploading });
    setFields(bad);
    setError(null);
    if (bad.subject || bad.message) {
      focus(bad.subject ? 'new-subject' : 'new-message');
      return;
    }
    setBusy(true);
    try {
      const created = await storefront.createConversation(
        {
          subject: subject.trim(),
          message,
          ...(recordId ? { recordId } : {}),
          ...(drafts.ready.length ? { attachmentIds: drafts.ready.map((a) => a.id) } : {}),
        },
        key.current,
      );
      onCreated(created.conversation);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        setFields({ subject: err.fields.subject, message: err.fields.message ?? err.fields.attachmentIds });
        key.current = newIdempotencyKey();
      }
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="new-conversation-title"
      onCancel={(e) => {
        // Esc: ask first when something was typed
        e.preventDefault();
        if (confirming) setConfirming(false);
        else requestClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <div className="dialog-head">
          <h2 id="new-conversation-title">{title}</h2>
          <button type="button" className="btn btn-ghost btn-icon" aria-label="Close" onClick={requestClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {/* an error of a field shows beside the field instead */}
        <ErrorAlert>{!fields.subject && !fields.message && error}</ErrorAlert>
        <Field id="new-subject" label="Subject" required error={fields.subject}>
          {(a11y) => (
            <>
              <input {...a11y} value={subject} onChange={(e) => setSubject(e.target.value)} />
              <CharacterCounter length={subject.trim().length} limit={SUBJECT_MAX} />
            </>
          )}
        </Field>
        <Field id="new-message" label="Your Message" required error={fields.message}>
          {(a11y) => (
            <>
              <textarea {...a11y} rows={6} value={message} onChange={(e) => setMessage(e.target.value)} onPaste={attachPasted(drafts)} />
              <CharacterCounter length={message.length} limit={MESSAGE_MAX} />
              <AttachmentTray drafts={drafts} />
            </>
          )}
        </Field>
        {confirming ? (
          <div className="dialog-confirm" role="alertdialog" aria-labelledby="discard-question">
            <p id="discard-question">Discard what you wrote? It has not been sent.</p>
            <div className="dialog-actions">
              <button type="button" id="keep-writing" className="btn" onClick={() => setConfirming(false)}>
                Keep Writing
              </button>
              <button type="button" className="btn btn-danger" onClick={onClose}>
                Discard
              </button>
            </div>
          </div>
        ) : (
          <div className="dialog-actions">
            <AttachButton drafts={drafts} />
            <button type="button" className="btn" onClick={requestClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send'}
            </button>
          </div>
        )}
      </form>
    </dialog>
  );
}
