import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, SessionResponse, SignInBody } from '../../shared/api';
import { systemActor } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import type { RateLimiter } from './rate-limit';
import { hashToken, signIn, signOut } from './accounts.service';
import { clearSessionCookie, sessionOf, setSessionCookie, type SideAuth } from './session-scope';

export interface SignInLimits {
  perAddress: RateLimiter;
  perEmail: RateLimiter;
}

/** Sign-in, the current session and sign-out, for one side. */
export function sessionRoutes(runtime: Runtime, auth: SideAuth, limits: SignInLimits) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = [auth.side === 'storefront' ? 'Storefront: session' : 'Back-office: session'];
    const ctx = runtime.contextFor(systemActor('accounts.sign-in'));

    app.post(
      '/session',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Sign in',
          body: SignInBody,
          response: { 200: SessionResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const email = request.body.email.toLowerCase();
        for (const check of [limits.perAddress.hit(`${auth.side}:${request.ip}`), limits.perEmail.hit(`${auth.side}:${email}`)]) {
          if (!check.allowed) {
            throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${check.retryAfterSeconds} seconds.`, undefined, {
              'retry-after': String(check.retryAfterSeconds),
            });
          }
        }
        const { session, user } = await signIn(ctx, auth.side, email, request.body.password);
        limits.perEmail.reset(`${auth.side}:${email}`);
        setSessionCookie(reply, auth, session.token, session.expiresAt);
        return { user, csrfToken: session.csrfToken };
      },
    );

    app.get(
      '/session',
      {
        schema: { tags, summary: 'Who is signed in, and the CSRF token for writes', response: { 200: SessionResponse, 401: ErrorBody } },
      },
      async (request) => {
        const session = sessionOf(request);
        return { user: session.user, csrfToken: session.csrfToken };
      },
    );

    app.delete(
      '/session',
      {
        schema: { tags, summary: 'Sign out', response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody } },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        await signOut(ctx, session.token);
        session.forget();
        // its sockets close on every instance
        runtime.signal({ type: 'session.ended', sessionId: hashToken(session.token) });
        clearSessionCookie(reply, auth);
        return reply.status(204).send(null);
      },
    );
  };
}
