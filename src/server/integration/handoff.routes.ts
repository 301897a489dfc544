import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api';
import { HandoffSecret, HandoffSecretBody, HandoffSettings, HandoffSettingsBody, SignInOptions } from '../../shared/handoff';
import { text } from '../../shared/input';
import { openSession, setSessionCookie, type SideAuth } from '../accounts';
import { backofficeCtx } from '../http/request';
import { systemActor } from '../kernel/actor';
import type { Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import * as handoff from './handoff.service';
import { mustBeAdministrator } from './tokens.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Back-office, Administrators only: how the store hands its customers over (Settings > Integrations). */
export function handoffSettingsRoutes(signIn: handoff.StorefrontSignIn) {
  return (runtime: Runtime) => async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['Back-office: integrations'];
    const path = '/integrations/handoff';
    app.get(
      path,
      { schema: { tags, summary: 'The sign-in handoff’s setup', response: { 200: HandoffSettings, ...errors } } },
      async (request) => {
        const ctx = backofficeCtx(runtime, request);
        mustBeAdministrator(ctx, 'the sign-in handoff');
        return handoff.presentSettings(await handoff.handoffSettingsOf(ctx), signIn);
      },
    );
    app.put(
      path,
      {
        schema: {
          tags,
          summary: 'Set up the sign-in handoff: HS256 with a shared secret, or RS256/ES256 against the store’s JWKS',
          body: HandoffSettingsBody,
          response: { 200: HandoffSettings, ...errors },
        },
      },
      async (request) => handoff.presentSettings(await handoff.saveHandoff(backofficeCtx(runtime, request), request.body), signIn),
    );
    app.post(
      `${path}/secret`,
      {
        schema: {
          tags,
          summary: 'Set the HS256 shared secret: the one given, or a new one made here (answered once)',
          body: HandoffSecretBody,
          response: { 201: HandoffSecret, ...errors },
        },
      },
      async (request, reply) => {
        const { secret, values } = await handoff.setHandoffSecret(backofficeCtx(runtime, request), request.body.secret);
        return reply.status(201).send({ secret, settings: handoff.presentSettings(values, signIn) });
      },
    );
  };
}

/** Storefront, public: which sign-ins the sign-in page offers. */
export function signInOptionsRoutes(signIn: handoff.StorefrontSignIn) {
  return (runtime: Runtime) => async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const ctx = runtime.contextFor(systemActor('integration.handoff'));
    app.get(
      '/sign-in/options',
      {
        config: { public: true },
        schema: { tags: ['Storefront: session'], summary: 'Which sign-ins the storefront offers', response: { 200: SignInOptions } },
      },
      async () => {
        const settings = await handoff.handoffSettingsOf(ctx);
        return {
          password: signIn !== 'handoff',
          handoff: signIn !== 'password' && settings.method !== 'off',
          storeUrl: settings.store_url,
        };
      },
    );
  };
}

/** A browser gets the storefront's sign-in page with the reason; an API client the error itself. */
function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (!(error instanceof AppError) || !request.headers.accept?.includes('text/html')) throw error;
  return reply.redirect(`/sign-in?handoff=${error.code}`, 303);
}

/** GET /sso: the store's signed-in customer arrives with a handoff token, and leaves signed in to the storefront. */
export function handoffRoutes(runtime: Runtime, options: { auth: SideAuth; signIn: handoff.StorefrontSignIn; jwks: handoff.JwksCache }) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const ctx = runtime.contextFor(systemActor('integration.handoff'));
    app.get(
      '/sso',
      {
        schema: {
          tags: ['Storefront: session'],
          summary: 'Sign in from the store: a JWT naming the customer user (sub), then a redirect within the storefront',
          description:
            'The token: HS256, RS256 or ES256 as set up in Settings > Integrations; `aud` as set there (`parley` unless changed), `exp` at most 300 s after `iat`, a unique `jti`, `sub` the customer user’s externalId; optional profile claims `email`, `given_name`, `family_name`, `customer` (the customer’s externalId), `role`. A browser (Accept: text/html) is sent to the sign-in page with the reason instead of an error.',
          querystring: z.object({ token: text().max(8192).optional(), return: text().max(2000).optional() }),
          response: { 303: z.null().describe('to `return` (a storefront path) or /'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
        },
      },
      async (request, reply) => {
        try {
          if (options.signIn === 'password') throw new AppError('HANDOFF_DISABLED', 'Signing in from the store is turned off.');
          if (!request.query.token) throw new AppError('HANDOFF_INVALID', 'The sign-in link carries no token.');
          const claims = await handoff.verifyHandoff(await handoff.handoffSettingsOf(ctx), request.query.token, options.jwks);
          const userId = await handoff.admitHandoff(ctx, claims);
          const opened = await openSession(ctx, 'storefront', userId);
          if (!opened) throw new AppError('HANDOFF_UNKNOWN_USER', 'This customer user cannot sign in.');
          setSessionCookie(reply, options.auth, opened.session.token, opened.session.expiresAt);
          return await reply.redirect(handoff.storefrontReturn(request.query.return, request.headers.host), 303);
        } catch (error) {
          return refuse(request, reply, error);
        }
      },
    );
  };
}
