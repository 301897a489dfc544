// Where each storefront page lives, for links and navigation from any page.
import { recordPathsUnder } from '../ui/recordPaths';

const records = recordPathsUnder('');

/** A record type's list page: "/orders". */
export const recordListPath = records.list;
/** One record's page: "/orders/7". */
export const recordPath = records.page;
/** The conversations page with one conversation open. */
export const conversationPath = (id: number) => `/conversations?conversation=${id}`;
