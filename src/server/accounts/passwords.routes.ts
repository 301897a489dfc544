import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, ForgotPasswordAnswer, ForgotPasswordBody, ResetPasswordBody } from '../../shared/accounts';
import { ErrorBody } from '../../shared/api';
import { systemActor } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
import type { LinkMailer } from './password-mail';
import { createFailureCounter } from './rate-limit';
import { AppError } from '../kernel/errors';
import { changePassword, endAllSessions, forgotPassword, resetPassword } from './passwords.service';
import { clearSessionCookie, sessionOf, type SideAuth } from './session-scope';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** "Forgot your password?" mails someone each time: at most this many per email, and per client address, in 15 minutes (per instance). */
const FORGOT_WINDOW_MS = 15 * 60_000;
const FORGOT_PER_EMAIL = 3;
const FORGOT_PER_ADDRESS = 10;

/** Sessions ended by a write: every instance forgets them and closes their sockets. */
export const announceEnded = (runtime: Runtime, sessionIds: string[]) => {
  for (const sessionId of sessionIds) runtime.signal({ type: 'session.ended', sessionId });
};

/** One side's password routes: a link's new password, one's own password, signing out everywhere, and (storefront) "Forgot your password?". */
export function passwordRoutes(runtime: Runtime, auth: SideAuth, mailer: LinkMailer) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = [auth.side === 'storefront' ? 'Storefront: session' : 'Back-office: session'];
    const system = runtime.contextFor(systemActor('accounts.passwords'));

    app.post(
      '/password/reset',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Set a password with the token of a set-password or reset link (once); the user’s sessions end',
          body: ResetPasswordBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        announceEnded(runtime, await resetPassword(system, auth.side, request.body.token, request.body.password));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/account/password',
      {
        schema: {
          tags,
          summary: 'Change my password (the current one must be right); my other sessions end',
          body: ChangePasswordBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        const actor = session.actor as { id: number };
        announceEnded(runtime, await changePassword(system, auth.side, actor.id, request.body, session.token));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/session/everywhere',
      {
        schema: { tags, summary: 'Sign out everywhere: every session of mine ends, this one too', response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        const actor = session.actor as { id: number };
        announceEnded(runtime, await endAllSessions(system, auth.side, actor.id));
        session.forget();
        clearSessionCookie(reply, auth);
        return reply.status(204).send(null);
      },
    );

    if (auth.side !== 'storefront') return;
    // every request mails someone: a few per email, and a few more per address, in 15 minutes
    const perEmail = createFailureCounter(FORGOT_WINDOW_MS);
    const perAddress = createFailureCounter(FORGOT_WINDOW_MS);
    app.post(
      '/password/forgot',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Forgot your password? A reset link for this email, if it is a customer user’s (the answer is the same either way)',
          description:
            'The link is mailed. `delivered` is false while no SMTP server is set: the mail then waits in the back-office outbox for an Administrator to pass on.',
          body: ForgotPasswordBody,
          response: { 202: ForgotPasswordAnswer, 400: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const email = request.body.email.toLowerCase();
        for (const [counter, key, limit] of [
          [perEmail, email, FORGOT_PER_EMAIL],
          [perAddress, request.ip, FORGOT_PER_ADDRESS],
        ] as const) {
          const { failures, retryAfterSeconds } = counter.count(key);
          if (failures >= limit)
            throw new AppError('RATE_LIMITED', `Too many reset links asked for. Try again in ${retryAfterSeconds} seconds.`, undefined, {
              'retry-after': String(retryAfterSeconds),
            });
        }
        perEmail.add(email);
        perAddress.add(request.ip);
        return reply.status(202).send(await forgotPassword(system, email, mailer));
      },
    );
  };
}
