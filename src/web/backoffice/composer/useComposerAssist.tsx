// What the back-office composer's textarea gets beyond plain typing: `@`
// mentions (MentionPopup) and `/` saved replies (ReplyPalette), one popup at
// a time, driven by the textarea's keys.
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useBackofficeUsers } from '../conversations/useBackofficeUsers';
import { useMentions } from './MentionPopup';
import { useReplyPalette } from './ReplyPalette';

export function useComposerAssist(o: { conversationId: number; selfId: number; body: string; setBody(body: string): void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // A pick puts the caret after the inserted text in the same commit as the new
  // text, before the next key is handled: a later animation frame could move it
  // back into what was typed since (seen in CI, under load).
  const caretAfter = useRef<{ body: string; caret: number } | null>(null);
  useLayoutEffect(() => {
    const wanted = caretAfter.current;
    const el = ref.current;
    caretAfter.current = null;
    if (!wanted || !el || el.value !== wanted.body) return;
    el.focus();
    el.setSelectionRange(wanted.caret, wanted.caret);
  });
  const setBody = (body: string, caret: number) => {
    caretAfter.current = { body, caret };
    o.setBody(body);
  };
  const mention = useMentions({ staff: useBackofficeUsers(), selfId: o.selfId, body: o.body, setBody });
  const palette = useReplyPalette({ conversationId: o.conversationId, body: o.body, setBody });
  const follow = (el: HTMLTextAreaElement) => {
    mention.suggest.follow(el);
    palette.suggest.follow(el);
  };
  return {
    ref,
    /** spread on the textarea, before its own handlers */
    textareaProps: {
      ...(mention.aria ?? palette.aria ?? {}),
      onClick: (e: { currentTarget: HTMLTextAreaElement }) => follow(e.currentTarget),
      onBlur: () => {
        mention.suggest.close();
        palette.suggest.close();
      },
    },
    /** call from the textarea's change */
    follow,
    /** call first in the textarea's key-down: true when a popup took the key */
    onKeyDown: (e: KeyboardEvent<HTMLTextAreaElement>) => mention.suggest.onKeyDown(e) || palette.suggest.onKeyDown(e),
    popups: (
      <>
        {mention.list}
        {palette.list}
        {palette.notice}
      </>
    ),
    /** the back-office users the body still mentions */
    mentionsIn: mention.idsIn,
    /** after sending */
    reset: () => {
      mention.reset();
      palette.reset();
    },
  };
}
