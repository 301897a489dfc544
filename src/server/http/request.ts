import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { text } from '../../shared/input';
import type { Actor, BackofficeUserActor, CustomerUserActor } from '../kernel/actor';
import type { Ctx, Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { idempotencyRequest, type Replayable } from '../writes/idempotency';

declare module 'fastify' {
  interface FastifyRequest {
    /** who is acting, once a scope's hook has recognised them (a session, later a token) */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** reachable without an actor (sign-in, docs) */
    public?: boolean;
  }
}

const signInFirst = () => new AppError('UNAUTHENTICATED', 'Please sign in.');

export function storefrontCtx(runtime: Runtime, request: FastifyRequest): Ctx<CustomerUserActor> {
  const actor = request.actor;
  if (actor?.kind !== 'customer_user') throw signInFirst();
  return runtime.contextFor(actor);
}

export function backofficeCtx(runtime: Runtime, request: FastifyRequest): Ctx<BackofficeUserActor> {
  const actor = request.actor;
  if (actor?.kind !== 'backoffice_user') throw signInFirst();
  return runtime.contextFor(actor);
}

/** The request's Idempotency-Key, scoped to the actor and the route. */
export function idempotencyOf(request: FastifyRequest, ctx: Ctx) {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  const who = 'id' in ctx.actor ? `${ctx.actor.kind}:${ctx.actor.id}` : `${ctx.actor.kind}:${ctx.actor.name}`;
  return idempotencyRequest(`${who}:${request.routeOptions.url}`, key, { params: request.params, body: request.body });
}

/** Answers a retry-safe write: 201 with its value, marked Idempotent-Replayed when it is the first request's answer. */
export function sendCreated<T>(reply: FastifyReply, { value, replayed }: Replayable<T>) {
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(201).send(value);
}

/** The headers of a write that is safe to retry, for its route's schema (and so the API docs). */
export const IdempotentWriteHeaders = z.looseObject({
  'idempotency-key': text()
    .optional()
    .describe(
      'Makes a retry safe: a retry with the same key (1 to 255 characters) returns the first result, with Idempotent-Replayed: true, and creates nothing.',
    ),
});
