import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api';
import { NotificationPreferences, UpdateNotificationPreferences } from '../../shared/mail';
import { backofficeCtx, storefrontCtx } from '../http/request';
import { systemActor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import type { Ctx, Runtime } from '../kernel/context';
import type { PersonActor } from '../kernel/actor';
import { escapeHtml } from './markup';
import { getPreferences, unsubscribe, unsubscribedWords, unsubscribeTarget, updatePreferences } from './preferences.service';

const tags = ['Notifications'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** /notification-preferences on either side: the signed-in user's own. */
export const preferenceRoutes =
  (side: 'storefront' | 'backoffice', clock: Clock) => (runtime: Runtime) => async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const ctxOf = (request: FastifyRequest): Ctx<PersonActor> =>
      side === 'storefront' ? storefrontCtx(runtime, request) : backofficeCtx(runtime, request);
    app.get(
      '/notification-preferences',
      { schema: { tags, summary: 'My mail preferences', response: { 200: NotificationPreferences, ...errors } } },
      (request) => getPreferences(ctxOf(request)),
    );
    app.patch(
      '/notification-preferences',
      {
        schema: {
          tags,
          summary: 'Change my mail preferences (the daily digest: customer Administrators and staff)',
          body: UpdateNotificationPreferences,
          response: { 200: NotificationPreferences, ...errors },
        },
      },
      (request) => updatePreferences(ctxOf(request), clock.now(), request.body),
    );
  };

const TokenParams = z.object({ token: z.string().min(1).max(200) });

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

/**
 * /mail/unsubscribe/:token: a GET shows a button (mail scanners follow links,
 * so a GET changes nothing); a POST, the button's or a mail client's
 * one-click (RFC 8058, body List-Unsubscribe=One-Click), turns it off.
 */
export const unsubscribeRoutes = (runtime: Runtime, clock: Clock) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) =>
    done(null, body),
  );
  const ctx = runtime.contextFor(systemActor('notifications.unsubscribe'));
  app.get(
    '/mail/unsubscribe/:token',
    {
      schema: { tags, summary: 'The unsubscribe page of a mail link', params: TokenParams, response: { 200: z.string(), 404: ErrorBody } },
    },
    async (request, reply) => {
      const target = await unsubscribeTarget(ctx, request.params.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Unsubscribe',
            `<p>Stop ${escapeHtml(unsubscribedWords[target.what])} from Parley?</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
          ),
        );
    },
  );
  app.post(
    '/mail/unsubscribe/:token',
    {
      schema: {
        tags,
        summary: 'One-click unsubscribe (RFC 8058)',
        params: TokenParams,
        body: z.any(),
        response: { 200: z.string(), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const target = await unsubscribe(ctx, clock.now(), request.params.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Unsubscribed',
            `<p>You will no longer get ${escapeHtml(unsubscribedWords[target.what])}. Change this any time under Email preferences.</p>`,
          ),
        );
    },
  );
};
