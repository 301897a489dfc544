import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api';
import { InboundOutcome } from '../../shared/mail';
import { integrationCtx } from '../integration';
import type { Runtime } from '../kernel/context';
import { receiveMail, type InboundSettings } from './receive.service';

/** POST /inbound-email: a raw RFC 822 message, for providers that forward mail by HTTP (token with conversations:write). */
export const inboundRoutes = (settings: InboundSettings) => (runtime: Runtime) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
  app.post(
    '/inbound-email',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['Integration: email'],
        summary: 'Hand Parley a reply by email (Content-Type: message/rfc822, the raw message); answers what became of it',
        body: z.any(),
        response: { 200: InboundOutcome, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 415: ErrorBody },
      },
    },
    async (request) => {
      integrationCtx(runtime, request, 'conversations:write');
      return receiveMail(runtime, settings, request.body as Buffer);
    },
  );
};
