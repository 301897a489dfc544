// A reader at the bottom of a scrolling thread stays there when its box
// changes size (a window resize, a phone turning): narrower lines wrap into
// more height, and without this the newest message slides out of view.
import { useEffect, type RefObject } from 'react';

/** within this many pixels of the end counts as "at the bottom" */
const SLACK_PX = 8;

/** `ready` turns true once the element is rendered. */
export function usePinnedToBottom(ref: RefObject<HTMLElement | null>, ready: boolean) {
  useEffect(() => {
    const el = ref.current;
    if (!ready || !el || typeof ResizeObserver === 'undefined') return;
    const atEnd = () => el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
    // where the reader was before the resize: a resize itself moves no scrollbar
    let pinned = atEnd();
    const onScroll = () => {
      pinned = atEnd();
    };
    const observer = new ResizeObserver(() => {
      if (pinned) el.scrollTop = el.scrollHeight;
    });
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [ref, ready]);
}
