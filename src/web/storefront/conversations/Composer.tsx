// The reply box: Enter sends, Shift+Enter adds a line.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MESSAGE_MAX, type MessageAttachment } from '../../../shared/api';
import { AttachButton, AttachmentTray } from '../../ui/AttachmentTray';
import type { AttachmentDrafts } from '../../ui/useAttachmentDrafts';
import { useLiveClient } from '../live';

interface Props {
  conversationId: number;
  onSend(body: string, attachments: MessageAttachment[]): void;
  drafts: AttachmentDrafts;
}

export function Composer({ conversationId, onSend, drafts }: Props) {
  const [body, setBody] = useState('');
  const live = useLiveClient();
  const box = useRef<HTMLTextAreaElement>(null);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if ((!body.trim() && drafts.ready.length === 0) || drafts.uploading) return;
    onSend(body.trim(), drafts.ready);
    setBody('');
    drafts.clear();
    box.current?.focus();
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
        maxLength={MESSAGE_MAX}
        placeholder="Write a message…"
        aria-describedby="reply-hint"
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          // the store sees "… is typing"; the client sends at most one signal every 2 s
          if (e.target.value.trim()) live?.typing(conversationId);
        }}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          // a pasted image (a screenshot) is attached; text pastes as usual
          if (e.clipboardData.files.length === 0) return;
          e.preventDefault();
          drafts.add([...e.clipboardData.files]);
        }}
      />
      <AttachmentTray drafts={drafts} />
      <div className="composer-bar">
        <span id="reply-hint" className="hint">
          Enter to send, Shift+Enter for a new line. **bold**, *italic*, `code` and links work.
        </span>
        <AttachButton drafts={drafts} />
        <button type="submit" className="btn btn-primary" disabled={(!body.trim() && drafts.ready.length === 0) || drafts.uploading}>
          Send
        </button>
      </div>
    </form>
  );
}
