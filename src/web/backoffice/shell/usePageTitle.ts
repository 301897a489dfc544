import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** The back-office's name in the tab: "Orders · Parley back-office". */
export const APP_TITLE = 'Parley back-office';

export const usePageTitle = (title: string | null | undefined) => useDocumentTitle(title, APP_TITLE);
