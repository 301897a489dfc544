import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../shared/api';
import { FillReplyQuery, FilledReply, SavedRepliesQuery, SavedReply, SavedReplyBody, UpdateSavedReplyBody } from '../../shared/replies';
import type { Runtime } from '../kernel/context';
import { backofficeCtx } from '../http/request';
import * as replies from './replies.service';

const tags = ['Back-office: saved replies'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Back-office: saved replies, personal and shared, and one filled in for a conversation. */
export function replyRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/saved-replies',
      {
        schema: {
          tags,
          summary: 'My personal saved replies and the shared ones, by title; q searches titles and bodies',
          querystring: SavedRepliesQuery,
          response: { 200: z.object({ items: z.array(SavedReply) }), ...errors },
        },
      },
      async (request) => ({ items: await replies.listSavedReplies(backofficeCtx(runtime, request), request.query.q) }),
    );

    app.post(
      '/saved-replies',
      {
        schema: {
          tags,
          summary: 'Save a reply: personal, or shared (Administrators); variables such as {{customer.name}} must be known',
          body: SavedReplyBody,
          response: { 201: SavedReply, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(await replies.createSavedReply(backofficeCtx(runtime, request), request.body)),
    );

    app.patch(
      '/saved-replies/:id',
      {
        schema: {
          tags,
          summary: 'Change a saved reply: my own personal one, or a shared one (Administrators)',
          params: IdParams,
          body: UpdateSavedReplyBody,
          response: { 200: SavedReply, ...errors },
        },
      },
      (request) => replies.updateSavedReply(backofficeCtx(runtime, request), request.params.id, request.body),
    );

    app.delete(
      '/saved-replies/:id',
      {
        schema: {
          tags,
          summary: 'Delete a saved reply: my own personal one, or a shared one (Administrators)',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await replies.deleteSavedReply(backofficeCtx(runtime, request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/saved-replies/:id/filled',
      {
        schema: {
          tags,
          summary:
            "The reply with the conversation's variables filled in; those without a value stay as written and are listed in unfilled",
          params: IdParams,
          querystring: FillReplyQuery,
          response: { 200: FilledReply, ...errors },
        },
      },
      (request) => replies.fillSavedReply(backofficeCtx(runtime, request), request.params.id, request.query.conversationId),
    );
  };
}
