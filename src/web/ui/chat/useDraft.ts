// What a person typed and has not sent yet, kept in localStorage per user and
// per conversation (or form), so that it survives switching conversations, a
// reload, and a session that expired before the message went out. Cleared
// once the server has the message.
import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'parley.draft.';

/** The storage key of one draft: the side, the user and what it is for ("storefront", 7, "conversation:12"). */
export const draftKey = (side: string, userId: number, what: string) => `${PREFIX}${side}:${userId}:${what}`;

export function readDraft(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return ''; // storage blocked (private mode settings): drafts live only in memory
  }
}

export function writeDraft(key: string, text: string): void {
  try {
    if (text.trim()) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  } catch {
    // storage full or blocked: the text is still in the box
  }
}

/** Forgets a draft once its text was sent, unless something newer was typed since. */
export function clearDraftIfUnchanged(key: string, sent: string): void {
  if (readDraft(key) === sent) writeDraft(key, '');
}

/** A text field's value backed by the draft under `key`; a new key loads that draft. */
export function useDraft(key: string): [string, (text: string) => void] {
  const [state, setState] = useState(() => ({ key, text: readDraft(key) }));
  const text = state.key === key ? state.text : readDraft(key);
  useEffect(() => {
    if (state.key !== key) setState({ key, text: readDraft(key) });
  }, [key, state.key]);
  const set = useCallback(
    (next: string) => {
      setState({ key, text: next });
      writeDraft(key, next);
    },
    [key],
  );
  return [text, set];
}
