// Live push: one WebSocket endpoint per side (/api/live, /admin/api/live).
// The protocol is in src/shared/live.ts, who receives what in audience.ts.
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { EventBus } from '../events';
import type { Runtime } from '../kernel/context';
import { defaultLimits, type LiveLimits } from './limits';
import { createHub, type Hub } from './hub';
import { liveRoutes } from './live.routes';

export type { LiveLimits } from './limits';

export interface Live {
  hub: Hub;
  /** the route plugin each side registers in its scope */
  routes: ReturnType<typeof liveRoutes>;
}

/** Registers WebSocket support on the root app and starts this instance's hub. */
export async function installLive(app: FastifyInstance, runtime: Runtime, bus: EventBus, limits: Partial<LiveLimits> = {}): Promise<Live> {
  const log = (error: unknown) => app.log.warn({ err: error }, 'live');
  const hub = await createHub(runtime, bus, { ...defaultLimits, ...limits }, log);
  await app.register(websocket, {
    options: { maxPayload: 4096 },
    errorHandler(error: Error, socket: WebSocket) {
      // ws has already closed a socket whose frame broke the protocol (1009 for size);
      // anything else is ours
      app.log.debug({ err: error }, 'live socket error');
      if (socket.readyState === socket.OPEN) socket.close(1011, 'Internal error.');
      setTimeout(() => socket.terminate(), 1000).unref();
    },
    preClose: (done: () => void) => {
      hub.close().then(
        () => done(),
        () => done(),
      );
    },
  });
  return { hub, routes: liveRoutes(hub) };
}
