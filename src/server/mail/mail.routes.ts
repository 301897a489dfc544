import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../shared/api';
import { OutboxIdParams, OutboxMailDetail, OutboxPage, OutboxQuery } from '../../shared/mail';
import { backofficeCtx } from '../http/request';
import type { Runtime } from '../kernel/context';
import { getOutboxMail, listOutbox } from './outbox.service';

const tags = ['Back-office: email'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** /mail/outbox: every mail Parley sent, is sending, gave up on or (without SMTP) kept (Administrators). */
export const outboxRoutes = (runtime: Runtime) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/mail/outbox',
    {
      schema: {
        tags,
        summary: 'The outbox, newest first, 50 at a time',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...errors },
      },
    },
    (request) => listOutbox(backofficeCtx(runtime, request), request.query),
  );
  app.get(
    '/mail/outbox/:id',
    {
      schema: {
        tags,
        summary: 'One mail with its text, HTML and headers',
        params: OutboxIdParams,
        response: { 200: OutboxMailDetail, ...errors },
      },
    },
    (request) => getOutboxMail(backofficeCtx(runtime, request), request.params.id),
  );
};
