// The integration API's scope (/integration/v1): a bearer service token makes
// `request.actor` (no cookie, so no CSRF), each token has its own rate limit,
// and each route names the scope it needs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenScope } from '../../shared/integration';
import type { IntegrationActor } from '../kernel/actor';
import { systemActor } from '../kernel/actor';
import type { Ctx, Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { createTokenRateLimit } from './rate-limit';
import { actorOfSecret, noteTokenUse } from './tokens.service';

/** how often a token's last use is written (it is shown to the minute) */
const TOUCH_EVERY_MS = 60_000;

export interface IntegrationLimits {
  /** requests per token per minute */
  perMinute: number;
}

export function installTokenScope(app: FastifyInstance, runtime: Runtime, limits: IntegrationLimits) {
  const ctx = runtime.contextFor(systemActor('integration.tokens'));
  const rate = createTokenRateLimit(limits.perMinute);
  const touched = new Map<number, number>();
  app.addHook('onRequest', async (request, reply) => {
    const bearer = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer) throw new AppError('UNAUTHENTICATED', 'Send a service token: Authorization: Bearer <token>.');
    const actor = await actorOfSecret(ctx, bearer);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'This token is unknown, revoked or expired.');
    const { limit, remaining, resetSeconds, allowed } = rate.take(actor.id);
    const headers = { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(resetSeconds) };
    reply.headers(headers);
    if (!allowed) {
      throw new AppError('RATE_LIMITED', `This token made more than ${limit} requests this minute.`, undefined, {
        ...headers,
        'retry-after': String(resetSeconds),
      });
    }
    request.actor = actor;
    const t = Date.now();
    if (t - (touched.get(actor.id) ?? 0) >= TOUCH_EVERY_MS) {
      touched.set(actor.id, t);
      await noteTokenUse(ctx, actor.id);
    }
  });
}

/** The request's integration context, if its token has `scope` (or one of several); FORBIDDEN otherwise. */
export function integrationCtx(runtime: Runtime, request: FastifyRequest, scope: TokenScope | TokenScope[]): Ctx<IntegrationActor> {
  const actor = request.actor;
  if (actor?.kind !== 'integration') throw new AppError('UNAUTHENTICATED', 'Send a service token: Authorization: Bearer <token>.');
  const anyOf = Array.isArray(scope) ? scope : [scope];
  if (!anyOf.some((s) => actor.scopes.includes(s))) throw new AppError('FORBIDDEN', `This token lacks the ${anyOf.join(' or ')} scope.`);
  return runtime.contextFor(actor);
}
