import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors';
import type { Hub } from './hub';

/**
 * A browser always sends Origin on a WebSocket handshake, and cookies go
 * along whatever page opened it; so a page of another site must be refused
 * here, or it could read a signed-in user's stream. Clients that are not
 * browsers send no Origin and have no ambient cookies to abuse.
 */
export function checkOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== request.host) throw new AppError('FORBIDDEN', 'A live connection may only be opened from this site.');
}

/** GET /live on one side's scope: that side's session cookie makes the actor. */
export function liveRoutes(hub: Hub) {
  return async (app: FastifyInstance) => {
    app.get(
      '/live',
      {
        websocket: true,
        preHandler: async (request) => checkOrigin(request),
        schema: { hide: true },
      },
      async (socket, request) => {
        const actor = request.actor;
        if (!request.session || (actor?.kind !== 'customer_user' && actor?.kind !== 'backoffice_user'))
          throw new AppError('UNAUTHENTICATED', 'Please sign in.');
        await hub.accept(socket, actor, request.session.token);
      },
    );
  };
}
