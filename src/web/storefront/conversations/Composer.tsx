// The reply box: Enter sends, Shift+Enter adds a line. What is typed is kept
// as this conversation's draft (localStorage) until the server has it, so a
// reload, another conversation or an expired session does not lose it.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MESSAGE_MAX, type MessageAttachment } from '../../../shared/api';
import { AttachButton, AttachmentTray } from '../../ui/AttachmentTray';
import { askForNotificationsOnce } from '../../ui/chat/desktopNotifications';
import { useDraft, writeDraft } from '../../ui/chat/useDraft';
import { CharacterCounter, overLimit } from '../../ui/CharacterCounter';
import { attachPasted, type AttachmentDrafts } from '../../ui/useAttachmentDrafts';
import { useLiveClient } from '../live';

interface Props {
  conversationId: number;
  /** the localStorage key of this conversation's draft (draftKey) */
  draftKey: string;
  /** `draftKey`: forget the draft once the server has the message */
  onSend(body: string, attachments: MessageAttachment[], draftKey: string): void;
  drafts: AttachmentDrafts;
}

export const TOO_LONG = `The message is too long: it may have at most ${MESSAGE_MAX.toLocaleString('en-US')} characters.`;

export function Composer({ conversationId, draftKey, onSend, drafts }: Props) {
  const [body, setBody] = useDraft(draftKey);
  const [refusal, setRefusal] = useState<string | null>(null);
  const live = useLiveClient();
  const box = useRef<HTMLTextAreaElement>(null);
  const tooLong = overLimit(body.length, MESSAGE_MAX);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if ((!body.trim() && drafts.ready.length === 0) || drafts.uploading) return;
    if (tooLong) {
      setRefusal(TOO_LONG);
      return;
    }
    const text = body.trim();
    onSend(text, drafts.ready, draftKey);
    setBody('');
    // the box is empty, but the text stays the draft until the server has it
    writeDraft(draftKey, text);
    drafts.clear();
    setRefusal(null);
    box.current?.focus();
    askForNotificationsOnce();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // not while an input method is composing a character
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="reply" className="visually-hidden">
        Message
      </label>
      <textarea
        id="reply"
        ref={box}
        rows={Math.min(6, Math.max(2, body.split('\n').length))}
        placeholder="Write a message…"
        aria-describedby="reply-hint reply-count"
        aria-invalid={tooLong || undefined}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          if (!overLimit(e.target.value.length, MESSAGE_MAX)) setRefusal(null);
          // the store sees "… is typing"; the client sends at most one signal every 2 s
          if (e.target.value.trim()) live?.typing(conversationId);
        }}
        onKeyDown={onKeyDown}
        onPaste={attachPasted(drafts)}
      />
      {refusal && (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      )}
      <AttachmentTray drafts={drafts} />
      <div className="composer-bar">
        <span id="reply-hint" className="hint">
          Enter to send, Shift+Enter for a new line. **bold**, _italic_, `code`, lists and links work.
        </span>
        <CharacterCounter id="reply-count" length={body.length} limit={MESSAGE_MAX} />
        <AttachButton drafts={drafts} />
        <button type="submit" className="btn btn-primary" disabled={(!body.trim() && drafts.ready.length === 0) || drafts.uploading}>
          Send
        </button>
      </div>
    </form>
  );
}
