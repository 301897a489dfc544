import type { FastifyRequest } from 'fastify';
import type { BackofficeActor, Ctx, CustomerUserActor, Deps } from '../context';
import { idempotencyRequest } from '../idempotency/idempotency';
import { backofficeUserOf, customerUserOf } from './auth';

export const storefrontCtx = (deps: Deps, request: FastifyRequest): Ctx<CustomerUserActor> => ({
  ...deps,
  actor: customerUserOf(request),
});

export const backofficeCtx = (deps: Deps, request: FastifyRequest): Ctx<BackofficeActor> => ({
  ...deps,
  actor: backofficeUserOf(request),
});

/** The request's Idempotency-Key, scoped to the user and the route. */
export function idempotencyOf(request: FastifyRequest, ctx: Ctx) {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  return idempotencyRequest(`${ctx.actor.side}:${ctx.actor.id}:${request.routeOptions.url}`, key, {
    params: request.params,
    body: request.body,
  });
}

export const idempotencyHeader = {
  'idempotency-key': { description: 'Makes a retry safe: the same key returns the first result and creates nothing.' },
};
