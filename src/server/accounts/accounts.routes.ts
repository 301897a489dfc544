import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, SessionCheck, SessionResponse, SignInBody } from '../../shared/api';
import { systemActor } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import type { SignInLimits } from './rate-limit';
import { hashToken, signIn, signOut } from './accounts.service';
import type { LinkMailer } from './password-mail';
import { passwordRoutes } from './passwords.routes';
import { clearSessionCookie, sessionOf, setSessionCookie, type SideAuth } from './session-scope';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sign-in, the current session and sign-out, for one side. */
export function sessionRoutes(
  runtime: Runtime,
  auth: SideAuth,
  limits: SignInLimits,
  { passwordSignIn = true, mailer }: { passwordSignIn?: boolean; mailer: LinkMailer },
) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = [auth.side === 'storefront' ? 'Storefront: session' : 'Back-office: session'];
    const ctx = runtime.contextFor(systemActor('accounts.sign-in'));
    await base.register(passwordRoutes(runtime, auth, mailer));

    app.post(
      '/session',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Sign in',
          body: SignInBody,
          response: { 200: SessionResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        if (!passwordSignIn)
          throw new AppError('PASSWORD_SIGNIN_DISABLED', 'Sign in through the store: this storefront takes no passwords.');
        const email = request.body.email.toLowerCase();
        const account = `${auth.side}:${email}`;
        const verdict = limits.check(account, request.ip);
        if (verdict.refused) {
          throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${verdict.retryAfterSeconds} seconds.`, undefined, {
            'retry-after': String(verdict.retryAfterSeconds),
          });
        }
        if (verdict.delayMs > 0) await wait(verdict.delayMs);
        const signedIn = await signIn(ctx, auth.side, email, request.body.password).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') limits.failed(account, request.ip);
          throw error;
        });
        limits.succeeded(account, request.ip);
        const { session, user } = signedIn;
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

    // the apps' first question on load: answered 200 either way, so a signed-out
    // visitor's browser logs no failed request (GET /session keeps its 401)
    app.get(
      '/session/check',
      {
        config: { public: true },
        schema: { tags, summary: 'Who is signed in, if anyone (never 401)', response: { 200: SessionCheck } },
      },
      async (request) =>
        request.session ? { user: request.session.user, csrfToken: request.session.csrfToken } : { user: null, csrfToken: null },
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
