import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../kernel/errors';

/**
 * Serves the built storefront at / and the back-office at /admin; any other
 * page path gets its app's index.html so that client-side routes reload.
 */
export async function serveWebApps(app: FastifyInstance, webDir: string) {
  // only a built web folder is ever served, never a folder that could hold the database
  if (!fs.existsSync(path.join(webDir, 'index.html')) || !fs.existsSync(path.join(webDir, 'admin/index.html'))) {
    app.log.warn(`${webDir} holds no built web apps: serving the API only (run npm run build)`);
    return;
  }
  await app.register(fastifyStatic, { root: path.resolve(webDir), prefix: '/', index: false, wildcard: false });
  const page = (file: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/admin/api/')) throw new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile(file);
  };
  app.get('/', page('index.html'));
  app.get('/admin', page('admin/index.html'));
  app.get('/admin/*', page('admin/index.html'));
  for (const route of [
    '/conversations',
    '/orders',
    '/orders/*',
    '/rfqs',
    '/rfqs/*',
    '/quotes',
    '/quotes/*',
    '/sign-in',
    '/forgot-password',
    '/reset-password',
    '/ask',
    '/account',
    '/email-preferences',
  ]) {
    app.get(route, page('index.html'));
  }
}
