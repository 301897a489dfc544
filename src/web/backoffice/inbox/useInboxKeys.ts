import { useEffect, useRef } from 'react';

export interface InboxKeys {
  next(): void;
  previous(): void;
  reply(): void;
  close(): void;
  help(): void;
}

/** Whether a key press belongs to what the user is typing in, not to the inbox. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * The inbox's keyboard: j / k next and previous conversation, r reply, e close,
 * ? the shortcuts. Keys typed into a field, with a modifier, or while a dialog is open are left alone.
 */
export function useInboxKeys(keys: InboxKeys) {
  // the latest handlers, without re-adding the listener on every render
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const action = { j: 'next', k: 'previous', r: 'reply', e: 'close', '?': 'help' }[e.key] as keyof InboxKeys | undefined;
      if (!action) return;
      e.preventDefault();
      latest.current[action]();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
