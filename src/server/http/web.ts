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
  // browsers ask for /favicon.ico on every page of both apps: a small icon, not a 404
  app.get('/favicon.ico', async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );
  // any other page address a browser opens gets the storefront, whose router
  // says "Page not found" with a way back (with a 404 status); API callers and
  // non-HTML requests keep the JSON error
  app.get('/*', async (request, reply) => {
    const wantsPage = /text\/html/.test(request.headers.accept ?? '');
    if (!wantsPage || /^\/(admin\/)?api(\/|$)/.test(request.url)) {
      throw new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`);
    }
    return reply.status(404).type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** A speech bubble in the storefront's blue. */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="3" width="28" height="21" rx="6" fill="#2451b7"/>' +
  '<path d="M9 24l-2 6 8-6z" fill="#2451b7"/><circle cx="10" cy="13.5" r="2" fill="#fff"/><circle cx="16" cy="13.5" r="2" fill="#fff"/>' +
  '<circle cx="22" cy="13.5" r="2" fill="#fff"/></svg>';
