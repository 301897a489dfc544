import { useDocumentTitle } from '../ui/useDocumentTitle';

/** The storefront's name in the tab: "Orders · Parley". */
export const APP_TITLE = 'Parley';

export const usePageTitle = (title: string | null | undefined) => useDocumentTitle(title, APP_TITLE);
