import { useEffect } from 'react';

/** The tab title, so history entries and screen readers name the page. */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Parley` : 'Parley';
  }, [title]);
}
