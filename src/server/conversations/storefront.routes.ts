import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConversationPage,
  ConversationSummary,
  ConversationWithMessage,
  CreateConversationBody,
  ErrorBody,
  IdParams,
  MarkReadBody,
  Message,
  MessagePage,
  MessagesQuery,
  PostMessageFields,
  hasContent,
  ReadState,
  StorefrontListQuery,
  StorefrontParticipant,
  StorefrontParticipants,
  AddColleagueBody,
  Colleague,
  ColleaguesQuery,
  ParticipantParams,
  StorefrontUnread,
  recordPaths,
  type RecordType,
} from '../../shared/api';
import { BLANK, wholeNumber } from '../../shared/input';
import { getVisibleRecord } from '../records';
import type { Runtime } from '../kernel/context';
import { IdempotentWriteHeaders, idempotencyOf, sendCreated, storefrontCtx } from '../http/request';
import * as conversations from './conversations.service';
import * as messages from './messages.service';
import { unreadTotalForCustomerUser } from './unread.service';
import { addParticipants, listColleagues, removeParticipant } from './participants.service';
import { AppError } from '../kernel/errors';

const tags = ['Storefront: conversations'];
const QuestionsQuery = z.object({ limit: wholeNumber(1, 50).default(10) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

type StorefrontParticipant = z.infer<typeof StorefrontParticipant>;
/**
 * The customer's side of those taking part. Which staff take part is the
 * back-office's business: writing an internal note makes its author a
 * participant, and customers must not learn even that.
 */
const customerSide = (people: StorefrontParticipant[]) =>
  people.filter((p) => p.kind === 'customer_user').map(({ id, kind, userId, name, role }) => ({ id, kind, userId, name, role }));

/** `participants`: whether customer users may add colleagues (PARLEY_STOREFRONT_PARTICIPANTS). */
export function storefrontConversationRoutes(runtime: Runtime, options: { participants: boolean } = { participants: true }) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/conversations/:id/participants',
      {
        schema: {
          tags,
          summary: 'The customer users who take part',
          params: IdParams,
          response: { 200: StorefrontParticipants, ...errors },
        },
      },
      async (request) => ({
        items: customerSide(await messages.participantsOf(storefrontCtx(runtime, request), request.params.id)),
        mayChange: options.participants,
      }),
    );

    const mayChange = () => {
      if (!options.participants) throw new AppError('FORBIDDEN', 'Adding colleagues to a conversation is turned off.');
    };

    app.post(
      '/conversations/:id/participants',
      {
        schema: {
          tags,
          summary: "Add a colleague: an Administrator's customer tree, a Buyer's own customer (answers the participants)",
          params: IdParams,
          body: AddColleagueBody,
          response: { 200: StorefrontParticipants, ...errors },
        },
      },
      async (request) => {
        mayChange();
        const ctx = storefrontCtx(runtime, request);
        const people = await addParticipants(ctx, request.params.id, [{ kind: 'customer_user', userId: request.body.customerUserId }]);
        return { items: customerSide(people), mayChange: true };
      },
    );

    app.delete(
      '/conversations/:id/participants/:participantId',
      {
        schema: {
          tags,
          summary: 'Take a colleague out: one I may add, never the customer user who started it (answers the participants)',
          params: ParticipantParams,
          response: { 200: StorefrontParticipants, ...errors },
        },
      },
      async (request) => {
        mayChange();
        const ctx = storefrontCtx(runtime, request);
        const people = await removeParticipant(ctx, request.params.id, request.params.participantId);
        return { items: customerSide(people), mayChange: true };
      },
    );

    app.get(
      '/colleagues',
      {
        schema: {
          tags,
          summary: "The colleagues I may add to a conversation: an Administrator's customer tree, a Buyer's own customer (20, by name)",
          querystring: ColleaguesQuery,
          response: { 200: z.object({ items: z.array(Colleague) }), ...errors },
        },
      },
      async (request) => ({ items: await listColleagues(storefrontCtx(runtime, request), request.query.q) }),
    );

    app.get(
      '/conversations',
      {
        schema: {
          tags,
          summary: 'My visible conversations, newest activity first',
          querystring: StorefrontListQuery,
          response: { 200: ConversationPage, ...errors },
        },
      },
      (request) => conversations.listConversationsForCustomerUser(storefrontCtx(runtime, request), request.query),
    );

    app.post(
      '/conversations',
      {
        schema: {
          tags,
          summary: 'Create Conversation / Ask A Question: the conversation with its first message',
          headers: IdempotentWriteHeaders,
          body: CreateConversationBody,
          response: { 201: ConversationWithMessage, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = storefrontCtx(runtime, request);
        return sendCreated(reply, await conversations.createConversationAsCustomerUser(ctx, request.body, idempotencyOf(request, ctx)));
      },
    );

    app.get(
      '/conversations/:id',
      {
        schema: { tags, summary: 'One conversation', params: IdParams, response: { 200: ConversationSummary, ...errors } },
      },
      (request) => conversations.getConversation(storefrontCtx(runtime, request), request.params.id),
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
      (request) => messages.listMessages(storefrontCtx(runtime, request), request.params.id, request.query),
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Send a message',
          params: IdParams,
          headers: IdempotentWriteHeaders,
          body: PostMessageFields.omit({ onBehalfOfParticipantId: true, type: true, mentions: true }).refine(hasContent, {
            message: BLANK,
            path: ['body'],
          }),
          response: { 201: Message, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = storefrontCtx(runtime, request);
        return sendCreated(
          reply,
          await messages.postMessage(
            ctx,
            request.params.id,
            { body: request.body.body, attachmentIds: request.body.attachmentIds },
            idempotencyOf(request, ctx),
          ),
        );
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
      (request) => messages.markRead(storefrontCtx(runtime, request), request.params.id, request.body.upToSeq),
    );

    for (const [type, path] of Object.entries(recordPaths) as [RecordType, string][]) {
      app.get(
        `/${path}/:id/conversations`,
        {
          schema: {
            tags: [`Storefront: ${path}`],
            summary: 'The Questions about this record (newest first, 10 by default)',
            params: IdParams,
            querystring: QuestionsQuery,
            response: { 200: ConversationPage, ...errors },
          },
        },
        async (request) => {
          const ctx = storefrontCtx(runtime, request);
          const record = await getVisibleRecord(ctx, request.params.id, type);
          return conversations.listConversationsForCustomerUser(ctx, { recordId: record.id, limit: request.query.limit });
        },
      );
    }

    app.get(
      '/unread',
      {
        schema: { tags, summary: 'My unread total', response: { 200: StorefrontUnread, ...errors } },
      },
      (request) => unreadTotalForCustomerUser(storefrontCtx(runtime, request)),
    );
  };
}
