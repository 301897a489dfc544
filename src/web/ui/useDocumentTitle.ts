import { useEffect } from 'react';

/**
 * The tab's title names the page, then the app ("Orders · Parley"), so that
 * history entries, tab lists and screen readers tell pages apart; the app's
 * name alone while the page has none yet.
 */
export function useDocumentTitle(title: string | null | undefined, app: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
