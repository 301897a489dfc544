// The back-office's one API client and the response shapes it reads, taken
// from the server's zod schemas so both sides cannot drift apart.
import { createApiClient } from '../ui/api';
import type { BackofficeUnread } from '../ui/apiTypes';

/** The back-office client: a 401 anywhere (but the /session calls) sends the user back to Sign In. */
export const api = createApiClient('/admin/api');

export type { BackofficeUser, Customer, CustomerUser, ListOf, Participant } from '../ui/apiTypes';
export type UnreadIndicator = BackofficeUnread;
