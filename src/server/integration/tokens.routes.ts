import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../shared/api';
import { CreateTokenBody, ServiceToken, ServiceTokenWithSecret } from '../../shared/integration';
import type { Runtime } from '../kernel/context';
import { backofficeCtx } from '../http/request';
import * as tokens from './tokens.service';

const tags = ['Back-office: integrations'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Back-office, Administrators only: the store's service tokens. */
export function tokenRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const path = '/integrations/tokens';
    app.get(
      path,
      {
        schema: { tags, summary: 'Service tokens, newest first', response: { 200: z.object({ items: z.array(ServiceToken) }), ...errors } },
      },
      async (request) => ({ items: await tokens.listTokens(backofficeCtx(runtime, request)) }),
    );
    app.post(
      path,
      {
        schema: {
          tags,
          summary: 'Create a service token: its secret is in this answer and never again',
          body: CreateTokenBody,
          response: { 201: ServiceTokenWithSecret, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(await tokens.createToken(backofficeCtx(runtime, request), request.body)),
    );
    app.post(
      `${path}/:id/rotate`,
      {
        schema: {
          tags,
          summary: 'A new secret for the token (answered once); the old one stops working at once',
          params: IdParams,
          response: { 201: ServiceTokenWithSecret, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(await tokens.rotateToken(backofficeCtx(runtime, request), request.params.id)),
    );
    app.post(
      `${path}/:id/revoke`,
      {
        schema: {
          tags,
          summary: 'Revoke the token: it stops working at once',
          params: IdParams,
          response: { 200: ServiceToken, ...errors },
        },
      },
      (request) => tokens.revokeToken(backofficeCtx(runtime, request), request.params.id),
    );
  };
}
