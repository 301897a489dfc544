import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AllMessagesPage,
  AllMessagesQuery,
  BackofficeCreateConversationBody,
  BulkActionBody,
  BulkActionResult,
  Deleted,
  BackofficeUnread,
  ConversationSummary,
  ConversationWithMessage,
  DeleteManyBody,
  ErrorBody,
  GridPage,
  GridQuery,
  IdParams,
  MarkReadBody,
  Message,
  MessagePage,
  MessagesQuery,
  Participant,
  ParticipantChoice,
  ParticipantParams,
  PersonRef,
  RoutingSettingsBody,
  PostMessageBody,
  ReadState,
  StatusChange,
  UpdateConversationBody,
} from '../../shared/api';
import type { Runtime } from '../kernel/context';
import { IdempotentWriteHeaders, backofficeCtx, idempotencyOf, sendCreated } from '../http/request';
import * as conversations from './conversations.service';
import * as messages from './messages.service';
import * as status from './status.service';
import * as participants from './participants.service';
import { routingSettings, updateRoutingSettings } from './routing.service';
import { gridConversations } from './grid';
import { bulkChange } from './bulk.service';
import { unreadIndicatorForBackofficeUser } from './unread.service';

const tags = ['Back-office: conversations'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function backofficeConversationRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/conversations',
      {
        schema: {
          tags,
          summary: 'The conversations grid: filter on every column, sort, page, total',
          querystring: GridQuery,
          response: { 200: GridPage, ...errors },
        },
      },
      (request) => gridConversations(backofficeCtx(runtime, request), request.query),
    );

    app.post(
      '/conversations',
      {
        schema: {
          tags,
          summary: 'Create Conversation for a customer user',
          headers: IdempotentWriteHeaders,
          body: BackofficeCreateConversationBody,
          response: { 201: ConversationWithMessage, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = backofficeCtx(runtime, request);
        return sendCreated(reply, await conversations.createConversationAsBackofficeUser(ctx, request.body, idempotencyOf(request, ctx)));
      },
    );

    app.post(
      '/conversations/delete',
      {
        schema: {
          tags,
          summary: 'Delete several conversations (Administrator)',
          body: DeleteManyBody,
          response: { 200: Deleted, ...errors },
        },
      },
      (request) => conversations.deleteConversations(backofficeCtx(runtime, request), request.body.ids, { mustExist: false }),
    );

    app.post(
      '/conversations/bulk',
      {
        schema: {
          tags,
          summary: 'Close, Reopen or Assign several conversations, each on its own (assigning to others: Administrator)',
          body: BulkActionBody,
          response: { 200: BulkActionResult, ...errors },
        },
      },
      (request) => bulkChange(backofficeCtx(runtime, request), request.body),
    );

    app.get(
      '/conversations/:id',
      {
        schema: { tags, summary: 'One conversation', params: IdParams, response: { 200: ConversationSummary, ...errors } },
      },
      (request) => conversations.getConversation(backofficeCtx(runtime, request), request.params.id),
    );

    app.patch(
      '/conversations/:id',
      {
        schema: {
          tags,
          summary: 'Rename, or reassign the owner (others than oneself: Administrator)',
          params: IdParams,
          body: UpdateConversationBody,
          response: { 200: ConversationSummary, ...errors },
        },
      },
      (request) => conversations.updateConversation(backofficeCtx(runtime, request), request.params.id, request.body),
    );

    app.delete(
      '/conversations/:id',
      {
        schema: { tags, summary: 'Delete a conversation (Administrator)', params: IdParams, response: { 200: Deleted, ...errors } },
      },
      (request) => conversations.deleteConversations(backofficeCtx(runtime, request), [request.params.id], { mustExist: true }),
    );

    for (const action of ['close', 'reopen'] as const) {
      app.post(
        `/conversations/:id/${action}`,
        {
          schema: {
            tags,
            summary: action === 'close' ? 'Close' : 'Reopen',
            params: IdParams,
            response: { 200: ConversationSummary, ...errors },
          },
        },
        (request) => status.changeStatus(backofficeCtx(runtime, request), request.params.id, action),
      );
    }

    app.get(
      '/conversations/:id/history',
      {
        schema: {
          tags,
          summary: 'Status changes: who and when',
          params: IdParams,
          response: { 200: z.object({ items: z.array(StatusChange) }), ...errors },
        },
      },
      async (request) => ({ items: await status.statusHistory(backofficeCtx(runtime, request), request.params.id) }),
    );

    app.get(
      '/conversations/:id/participants',
      {
        schema: {
          tags,
          summary: 'Participants (the From choice)',
          params: IdParams,
          response: { 200: z.object({ items: z.array(Participant) }), ...errors },
        },
      },
      async (request) => ({ items: await messages.participantsOf(backofficeCtx(runtime, request), request.params.id) }),
    );

    app.post(
      '/conversations/:id/participants',
      {
        schema: {
          tags,
          summary: "Add a participant: any back-office user, or a customer user of the customer's tree (answers the participants)",
          params: IdParams,
          body: ParticipantChoice,
          response: { 200: z.object({ items: z.array(Participant) }), ...errors },
        },
      },
      async (request) => ({
        items: await participants.addParticipants(backofficeCtx(runtime, request), request.params.id, [request.body]),
      }),
    );

    app.delete(
      '/conversations/:id/participants/:participantId',
      {
        schema: {
          tags,
          summary: 'Remove a participant (not the customer user, not the owner); answers the participants',
          params: ParticipantParams,
          response: { 200: z.object({ items: z.array(Participant) }), ...errors },
        },
      },
      async (request) => ({
        items: await participants.removeParticipant(backofficeCtx(runtime, request), request.params.id, request.params.participantId),
      }),
    );

    app.get(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'A page of the thread (40 by default), oldest first',
          params: IdParams,
          querystring: MessagesQuery,
          response: { 200: MessagePage, ...errors },
        },
      },
      (request) => messages.listMessages(backofficeCtx(runtime, request), request.params.id, request.query),
    );

    app.get(
      '/conversations/:id/all-messages',
      {
        schema: {
          tags,
          summary: 'The All messages tab: every message, filtered by text and date, 100 at a time (up to 200; pass nextAfter as after)',
          params: IdParams,
          querystring: AllMessagesQuery,
          response: { 200: AllMessagesPage, ...errors },
        },
      },
      (request) => messages.searchMessages(backofficeCtx(runtime, request), request.params.id, request.query),
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Add Message or an internal note (type "note"); an Administrator may post on behalf of a participant',
          params: IdParams,
          headers: IdempotentWriteHeaders,
          body: PostMessageBody,
          response: { 201: Message, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = backofficeCtx(runtime, request);
        return sendCreated(reply, await messages.postMessage(ctx, request.params.id, request.body, idempotencyOf(request, ctx)));
      },
    );

    app.post(
      '/conversations/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark the thread read up to a message',
          params: IdParams,
          body: MarkReadBody,
          response: { 200: ReadState, ...errors },
        },
      },
      (request) => messages.markRead(backofficeCtx(runtime, request), request.params.id, request.body.upToSeq),
    );

    const Routing = z.object({ defaultOwner: PersonRef.nullable() });
    app.get(
      '/settings/routing',
      { schema: { tags, summary: 'Settings > Routing: the default owner', response: { 200: Routing, ...errors } } },
      (request) => routingSettings(backofficeCtx(runtime, request)),
    );

    app.patch(
      '/settings/routing',
      {
        schema: {
          tags,
          summary: 'Set the owner of conversations whose customer has no sales representative (Administrator); null: nobody',
          body: RoutingSettingsBody,
          response: { 200: Routing, ...errors },
        },
      },
      (request) => updateRoutingSettings(backofficeCtx(runtime, request), request.body),
    );

    app.get(
      '/unread',
      {
        schema: {
          tags,
          summary: 'The header indicator: conversations with unread messages, latest four',
          response: { 200: BackofficeUnread, ...errors },
        },
      },
      (request) => unreadIndicatorForBackofficeUser(backofficeCtx(runtime, request)),
    );
  };
}
