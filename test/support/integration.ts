// A store's service token, made by John (Administrator) through the
// back-office API, and calls to /integration/v1 with it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ServiceTokenWithSecret, TokenScope } from '../../src/shared/integration';
import type { Agent } from './api';
import { ok, unique } from './fixtures';

export const ALL_SCOPES: TokenScope[] = ['directory:write', 'records:write', 'conversations:read', 'conversations:write'];

export interface Store {
  id: number;
  label: string;
  secret: string;
  request(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  put(url: string, payload: unknown): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** an NDJSON bulk import of these lines */
  bulk(lines: unknown[], headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Calls to /integration/v1 with this bearer secret. */
export function storeWith(app: FastifyInstance, secret: string, token = { id: 0, label: '' }): Store {
  const request = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url: `/integration/v1${url}`,
      headers: { authorization: `Bearer ${secret}`, ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    ...token,
    secret,
    request,
    get: (url) => request('GET', url),
    put: (url, payload) => request('PUT', url, payload),
    post: (url, payload, headers) => request('POST', url, payload ?? {}, headers),
    bulk: (lines, headers = {}) =>
      request('POST', '/bulk', lines.map((l) => JSON.stringify(l)).join('\n'), { 'content-type': 'application/x-ndjson', ...headers }),
  };
}

/** A new token with these scopes (all four sync scopes by default), made by an Administrator. */
export async function newStore(app: FastifyInstance, admin: Agent, scopes: TokenScope[] = ALL_SCOPES, expiresAt?: string): Promise<Store> {
  const made: ServiceTokenWithSecret = ok(
    await admin.post('/integrations/tokens', { label: unique('Store'), scopes, ...(expiresAt ? { expiresAt } : {}) }),
    201,
  );
  return storeWith(app, made.secret, made.token);
}

/** "ext-1a2b3c4d": a store id no other test uses. */
export const externalId = (prefix = 'ext') => unique(prefix).replace(' ', '-');
