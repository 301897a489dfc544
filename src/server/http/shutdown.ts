// The HTTP side of a graceful shutdown. Fastify stops accepting connections
// and lets requests already running finish; their answers say Connection:
// close. Kept-alive connections with no request running (also those opened
// and never used, which Node's close would wait for until its header timeout)
// are closed at once: nothing was started on them. A request that still
// reaches a route meanwhile is turned away in the error shape (503) for the
// client to send elsewhere. Live sockets are not counted here: realtime
// closes them with 1001.
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../kernel/errors';

export function refuseWhileClosing(app: FastifyInstance) {
  let closing = false;
  /** open HTTP connections and the requests in progress on each */
  const connections = new Map<Socket, number>();
  app.server.on('connection', (socket: Socket) => {
    connections.set(socket, 0);
    socket.once('close', () => connections.delete(socket));
  });
  app.server.on('upgrade', (request: { socket: Socket }) => connections.delete(request.socket));
  app.server.on('request', (request: { socket: Socket }, response: { once(event: 'close', f: () => void): void }) => {
    const socket = request.socket;
    connections.set(socket, (connections.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (connections.get(socket) ?? 1) - 1;
      if (!connections.has(socket)) return;
      connections.set(socket, left);
      if (closing && left === 0) socket.destroySoon();
    });
  });

  app.addHook('preClose', (done) => {
    closing = true;
    for (const [socket, running] of connections) if (running === 0) socket.destroy();
    done();
  });
  app.addHook('onRequest', async () => {
    if (closing) {
      throw new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down; send the request again.', undefined, { 'retry-after': '1' });
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
