import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, BackofficeActor, CustomerUserActor, Deps } from '../context';
import type { SessionSide } from '../db/schema';
import { resolveSession, type SignedInUser } from '../accounts/accounts.service';
import { createSessionCache } from '../accounts/session-cache';
import { AppError } from './errors';

/** how long a looked-up session is trusted without asking the database again */
const SESSION_CACHE_MS = 5_000;

export interface RequestAuth {
  actor: Actor;
  user: SignedInUser;
  csrfToken: string;
  token: string;
  /** drops this session from the instance's cache (sign-out) */
  forget: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** reachable without a session (sign-in, docs) */
    public?: boolean;
  }
}

export interface SideAuth {
  side: SessionSide;
  cookieName: string;
  cookiePath: string;
  secureCookies: boolean;
}

export const storefrontAuth = (secure: boolean): SideAuth => ({
  side: 'storefront',
  cookieName: 'parley_session',
  cookiePath: '/',
  secureCookies: secure,
});

// The back-office cookie is only ever sent to /admin, so the two sessions
// cannot stand in for each other.
export const backofficeAuth = (secure: boolean): SideAuth => ({
  side: 'backoffice',
  cookieName: 'parley_admin_session',
  cookiePath: '/admin',
  secureCookies: secure,
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Installs one side's session handling on its scope: the session cookie makes
 * `request.auth`; every route but the public ones requires it; every write
 * with a cookie must carry the session's CSRF token in `X-CSRF-Token`.
 */
export function installSideAuth(app: FastifyInstance, deps: Deps, auth: SideAuth) {
  const sessions = createSessionCache<Awaited<ReturnType<typeof resolveSession>>>(SESSION_CACHE_MS);
  // onRequest, so that who you are is settled before your body is even read
  // or validated: an anonymous or forged request learns nothing else.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[auth.cookieName];
    if (token) {
      const cached = sessions.get(token);
      let found = cached?.value;
      if (!cached) {
        found = await resolveSession(deps, auth.side, token);
        sessions.set(token, found, found?.expiresAt);
      }
      if (found) request.auth = { ...found, token, forget: () => sessions.forget(token) };
    }
    if (request.routeOptions.config.public) return;
    if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.auth.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID', 'The X-CSRF-Token header is missing or wrong. Reload and try again.');
    }
  });
}

export function setSessionCookie(reply: FastifyReply, auth: SideAuth, token: string, expiresAt: string) {
  reply.setCookie(auth.cookieName, token, {
    path: auth.cookiePath,
    httpOnly: true,
    sameSite: 'lax',
    secure: auth.secureCookies,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, auth: SideAuth) {
  reply.clearCookie(auth.cookieName, { path: auth.cookiePath, httpOnly: true, sameSite: 'lax', secure: auth.secureCookies });
}

export function customerUserOf(request: FastifyRequest): CustomerUserActor {
  const actor = request.auth?.actor;
  if (!actor || actor.side !== 'storefront') throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return actor;
}

export function backofficeUserOf(request: FastifyRequest): BackofficeActor {
  const actor = request.auth?.actor;
  if (!actor || actor.side !== 'backoffice') throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return actor;
}
