import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../kernel/context';
import { integrationConversationRoutes } from './conversations.routes';
import { syncRoutes } from './sync.routes';
import { installTokenScope, type IntegrationLimits } from './token-scope';

/**
 * The store's API, /integration/v1: its own scope, a bearer token instead of
 * a cookie, NDJSON for bulk imports; `more` are other modules' routes in the
 * same scope (the webhook endpoints, for the webhooks:manage scope).
 */
export function integrationApi(
  runtime: Runtime,
  limits: IntegrationLimits,
  more: ((runtime: Runtime) => (app: FastifyInstance) => Promise<void>)[] = [],
) {
  return async (scope: FastifyInstance) => {
    installTokenScope(scope, runtime, limits);
    scope.addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: 32 * 1024 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
    await scope.register(syncRoutes(runtime));
    await scope.register(integrationConversationRoutes(runtime));
    // other modules' routes in this scope (the inbound email route, the webhook endpoints)
    for (const routes of more) await scope.register(routes(runtime));
  };
}
