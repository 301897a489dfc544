import { useEffect } from 'react';

/** The tab's title names the page, so screen readers and tab lists tell pages apart. */
export function usePageTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Parley back-office` : 'Parley back-office';
  }, [title]);
}
