import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { BLANK, MESSAGE_MAX, tooLongMessage, type Message } from '../../../shared/api';
import { toApiError } from '../../ui/api';
import { backoffice } from '../api';
import { roleLabel } from '../roles';
import { useSession } from '../session';
import { useLive } from '../shell/live';
import { useParticipants } from '../people/useParticipants';
import { useComposerAssist } from '../composer/useComposerAssist';
import { AttachButton, AttachmentTray } from '../../ui/AttachmentTray';
import { attachPasted, type AttachmentDrafts } from '../../ui/useAttachmentDrafts';
import { CharacterCounter, overLimit } from '../../ui/CharacterCounter';
import { askForNotificationsOnce } from '../../ui/chat/desktopNotifications';
import { draftKey, useDraft } from '../../ui/chat/useDraft';

/**
 * Add Message: a Reply, which the customer sees, or an Internal note, which
 * only staff see; an Administrator also picks From among every participant.
 */
export function AddMessageForm(props: { conversationId: number; onSent(m: Message): void; drafts: AttachmentDrafts }) {
  const { conversationId, onSent, drafts } = props;
  const { user, isAdministrator } = useSession();
  const participants = useParticipants(conversationId);
  const live = useLive();
  // kept per user and conversation until the server has it: survives switching conversations, a reload, a sign-in again
  const draft = draftKey('backoffice', user.id, `conversation:${conversationId}`);
  const [body, setBody] = useDraft(draft);
  const [from, setFrom] = useState('');
  const [type, setType] = useState<'text' | 'note'>('text');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const assist = useComposerAssist({ conversationId, selfId: user.id, body, setBody });
  const others = (participants.data?.items ?? []).filter((p) => !(p.kind === 'backoffice_user' && p.userId === user.id));
  // a note is written by staff: nobody posts one in a customer's name
  const fromChoices = type === 'note' ? others.filter((p) => p.kind === 'backoffice_user') : others;
  const note = type === 'note';
  const postingAs = from ? fromChoices.find((p) => String(p.id) === from) : undefined;

  const send = async () => {
    if (drafts.uploading) return setError('Wait for the files to finish uploading.');
    if (!body.trim() && drafts.ready.length === 0) return setError(BLANK);
    // refused, not cut: the server would answer the same
    if (overLimit(body.length, MESSAGE_MAX)) return setError(tooLongMessage(MESSAGE_MAX));
    setBusy(true);
    // the browser's permission prompt for desktop notifications, once, on a person's own action
    askForNotificationsOnce();
    try {
      const message = await backoffice.postMessage(conversationId, {
        body,
        ...(note ? { type } : {}),
        ...(drafts.ready.length ? { attachmentIds: drafts.ready.map((a) => a.id) } : {}),
        ...(from && fromChoices.some((p) => String(p.id) === from) ? { onBehalfOfParticipantId: Number(from) } : {}),
        ...(assist.mentionsIn(body).length ? { mentions: assist.mentionsIn(body) } : {}),
      });
      setBody('');
      assist.reset();
      drafts.clear();
      // back to writing as oneself, so the next message is not sent in someone else's name by accident
      setFrom('');
      setError(null);
      onSent(message);
      // posting may have made me a participant
      participants.reload();
    } catch (e) {
      const err = toApiError(e);
      setError(err.fields.body ?? err.fields.onBehalfOfParticipantId ?? err.fields.mentions ?? err.fields.attachmentIds ?? err.message);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  // Enter sends, Shift+Enter starts a new line (as in the storefront)
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (assist.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form className={`add-message${note ? ' add-message-note' : ''}`} onSubmit={submit} noValidate aria-label="Add Message">
      <div className="segmented" role="radiogroup" aria-label="Message kind">
        {(['text', 'note'] as const).map((t) => (
          <label key={t} className={`segment${type === t ? ' segment-on' : ''}`}>
            <input type="radio" name="message-kind" value={t} checked={type === t} onChange={() => setType(t)} />
            {t === 'text' ? 'Reply' : 'Internal note'}
          </label>
        ))}
      </div>
      {isAdministrator ? (
        <div className="field field-inline">
          <label htmlFor="message-from">From</label>
          <select id="message-from" value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">{user.name} (me)</option>
            {fromChoices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {roleLabel(p.role)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {postingAs ? (
        <p className="posting-as" role="status">
          Posting as <strong>{postingAs.name}</strong> ({roleLabel(postingAs.role)}): they will see it marked &quot;Sent by {user.name}
          &quot;.
        </p>
      ) : null}
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor="message-body">Message</label>
        <textarea
          ref={assist.ref}
          id="message-body"
          rows={3}
          value={body}
          {...assist.textareaProps}
          onChange={(e) => {
            setBody(e.target.value);
            assist.follow(e.target);
            // the others see "… is typing"; the client sends at most one signal every 2 s.
            // Never for a note: the customer would see someone typing and nothing arrive.
            if (!note && e.target.value.trim()) live?.typing(conversationId);
          }}
          onKeyDown={onKeyDown}
          onPaste={attachPasted(drafts)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${error ? 'message-body-error ' : ''}message-body-count message-body-hint`}
          placeholder={note ? 'Write an internal note: only back-office users see it…' : 'Write a message…'}
        />
        {assist.popups}
        <CharacterCounter id="message-body-count" length={body.length} limit={MESSAGE_MAX} />
        {error ? (
          <p className="field-error" id="message-body-error">
            {error}
          </p>
        ) : null}
        <AttachmentTray drafts={drafts} />
      </div>
      <div className="add-message-actions">
        <p className="field-hint" id="message-body-hint">
          {note ? 'The customer never sees internal notes. ' : ''}Enter sends, Shift+Enter adds a line, @ mentions a colleague, / at the
          start inserts a saved reply. **bold**, _italic_, `code`, lists and links work.
        </p>
        <AttachButton drafts={drafts} />
        <button type="submit" className="btn btn-primary" disabled={busy || drafts.uploading}>
          {note ? 'Add Note' : postingAs ? `Add Message as ${postingAs.name}` : 'Add Message'}
        </button>
      </div>
    </form>
  );
}
