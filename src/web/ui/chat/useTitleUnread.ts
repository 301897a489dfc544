// The unread count in the tab title, "(3) Conversations · Parley", so a
// background tab shows that something waits. Pages keep setting their own
// titles (useDocumentTitle); this only adds or removes the prefix, and puts
// it back whenever a page changes the title.
import { useEffect } from 'react';

const PREFIX = /^\(\d+\+?\) /;

/** "(3) Orders · Parley" for 3; the bare title for 0. Over 99 shows "(99+)". */
export function titleWithUnread(title: string, count: number): string {
  const bare = title.replace(PREFIX, '');
  return count > 0 ? `(${count > 99 ? '99+' : count}) ${bare}` : bare;
}

export function useTitleUnread(count: number) {
  useEffect(() => {
    const apply = () => {
      const next = titleWithUnread(document.title, count);
      if (next !== document.title) document.title = next;
    };
    apply();
    const title = document.querySelector('title');
    const watch = title ? new MutationObserver(apply) : null;
    if (title) watch?.observe(title, { childList: true, characterData: true, subtree: true });
    return () => {
      watch?.disconnect();
      document.title = titleWithUnread(document.title, 0);
    };
  }, [count]);
}
