import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, ForgotPasswordAnswer, ForgotPasswordBody, ResetPasswordBody, type PasswordLink } from '../../shared/accounts';
import { ErrorBody } from '../../shared/api';
import { systemActor } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
import { changePassword, endAllSessions, forgotPassword, resetPassword } from './passwords.service';
import { clearSessionCookie, sessionOf, type SideAuth } from './session-scope';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** Sessions ended by a write: every instance forgets them and closes their sockets. */
export const announceEnded = (runtime: Runtime, sessionIds: string[]) => {
  for (const sessionId of sessionIds) runtime.signal({ type: 'session.ended', sessionId });
};

/** Where a customer's own reset link goes: the mail module's seam (the server's log until then; tests catch it). */
export type DeliverLink = (email: string, link: PasswordLink) => void;

/** One side's password routes: a link's new password, one's own password, signing out everywhere, and (storefront) "Forgot your password?". */
export function passwordRoutes(runtime: Runtime, auth: SideAuth, deliverLink?: DeliverLink) {
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
    app.post(
      '/password/forgot',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Forgot your password? A reset link for this email, if it is a customer user’s (the answer is the same either way)',
          description:
            'Email is not set up yet: `delivered` is false, and the link is written to the server’s log for an operator to pass on.',
          body: ForgotPasswordBody,
          response: { 202: ForgotPasswordAnswer, 400: ErrorBody },
        },
      },
      async (request, reply) => {
        // until the mail module sends the link, the operator finds it in the log
        const deliver: DeliverLink =
          deliverLink ??
          ((email, link) =>
            request.log.warn({ email, url: link.url, expiresAt: link.expiresAt }, 'password reset link: email is not set up, pass it on'));
        await forgotPassword(system, request.body.email, deliver);
        return reply.status(202).send({ delivered: false });
      },
    );
  };
}
