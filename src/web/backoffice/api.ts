// The back-office's one API client and the response shapes it reads, taken
// from the server's zod schemas so both sides cannot drift apart.
import type { z } from 'zod';
import type {
  BackofficeUnread,
  BackofficeUser,
  Customer,
  CustomerUser,
  Participant,
  StatusChange,
} from '../../shared/api';
import { ApiError, createApiClient, type ApiClient } from '../ui/api';

const client = createApiClient('/admin/api');
let onSessionEnded: () => void = () => undefined;

/** What to do when the server says the session is gone (expired, or signed out elsewhere). */
export function whenSessionEnds(handler: () => void) {
  onSessionEnded = handler;
}

function watch<T>(path: string, request: Promise<T>): Promise<T> {
  return request.catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 401 && path !== '/session') onSessionEnded();
    throw error;
  });
}

/** The back-office client: the shared one, plus a 401 anywhere sends the user back to Sign In. */
export const api: ApiClient = {
  get: (path) => watch(path, client.get(path)),
  send: (method, path, body, headers) => watch(path, client.send(method, path, body, headers)),
  setCsrfToken: (token) => client.setCsrfToken(token),
};

export type Customer = z.infer<typeof Customer>;
export type CustomerUser = z.infer<typeof CustomerUser>;
export type Participant = z.infer<typeof Participant>;
export type StatusChange = z.infer<typeof StatusChange>;
export type BackofficeUser = z.infer<typeof BackofficeUser>;
export type UnreadIndicator = z.infer<typeof BackofficeUnread>;
export interface ListOf<T> {
  items: T[];
  total: number;
}

type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the defined, non-empty values ('' when none). */
export function queryString(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
