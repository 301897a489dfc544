// One side's session handling (storefront or back-office): the session cookie
// makes `request.actor`; every route but the public ones requires it; every
// write with a cookie must carry the session's CSRF token in `X-CSRF-Token`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signedOutBy } from '../../shared/events';
import { systemActor } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { hashToken, resolveSession, type ResolvedSession } from './accounts.service';
import { createSessionCache } from './session-cache';
import type { SessionSide } from './sessions.table';

/** how long a looked-up session is trusted without asking the database again (an ended one is forgotten at once: see below) */
const SESSION_CACHE_MS = 5_000;

export interface RequestSession extends ResolvedSession {
  token: string;
  /** drops this session from the instance's cache (sign-out) */
  forget: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in session behind the request's cookie, if any */
    session: RequestSession | null;
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

const SIGNED_IN_AS = { storefront: 'customer_user', backoffice: 'backoffice_user' } as const satisfies Record<SessionSide, string>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installSessionScope(app: FastifyInstance, runtime: Runtime, auth: SideAuth) {
  const sessions = createSessionCache<ResolvedSession>(SESSION_CACHE_MS);
  const ctx = runtime.contextFor(systemActor('accounts.sessions'));
  // a session ended anywhere, or its user deleted: no instance honours it a moment longer
  runtime.onSignal((signal) => {
    if (signal.type === 'session.ended') sessions.forget(signal.sessionId);
  });
  runtime.onEvents((events) => {
    for (const event of events) {
      const gone = signedOutBy(event);
      if (gone?.kind !== SIGNED_IN_AS[auth.side]) continue;
      sessions.forgetWhere((s) => s.actor.kind === gone.kind && s.actor.id === gone.id);
    }
  });
  // onRequest, so that who you are is settled before your body is even read
  // or validated: an anonymous or forged request learns nothing else.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[auth.cookieName];
    if (token) {
      const id = hashToken(token);
      const cached = sessions.get(id);
      let found = cached?.value;
      if (!cached) {
        found = await resolveSession(ctx, auth.side, token);
        sessions.set(id, found, found?.expiresAt);
      }
      if (found) {
        request.session = { ...found, token, forget: () => sessions.forget(id) };
        request.actor = found.actor;
      }
    }
    if (request.routeOptions.config.public) return;
    if (!request.session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
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

/** The request's session, where a route of this scope requires one. */
export function sessionOf(request: FastifyRequest): RequestSession {
  if (!request.session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return request.session;
}
