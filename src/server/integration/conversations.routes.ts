// /integration/v1/conversations: a store's integration starts conversations
// and posts in them, as a back-office user it names or as Parley itself (a
// system message), and reads them (conversations:read).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConversationSummary, ConversationWithMessage, ErrorBody, IdParams, Message, MessagePage, MessagesQuery } from '../../shared/api';
import {
  IntegrationConversationsQuery,
  IntegrationCreateConversationBody,
  IntegrationPostMessageBody,
  SyncPage,
  type MessageAuthorChoice,
} from '../../shared/integration';
import {
  createConversationForStore,
  getConversation,
  listConversationsInChangeOrder,
  listMessages,
  postMessage,
  postSystemMessage,
} from '../conversations';
import { IdempotentWriteHeaders, idempotencyOf, sendCreated } from '../http/request';
import type { BackofficeUserActor, IntegrationActor } from '../kernel/actor';
import type { Ctx, Runtime } from '../kernel/context';
import { invalidFields } from '../kernel/errors';
import { activeBackofficeUser, customerUserOf, personName } from '../people';
import { recordOf } from '../records';
import { integrationCtx } from './token-scope';

const tags = ['Integration: conversations'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** The context a message is written in: the named back-office user's, or the integration's own (a system message). */
async function authorCtx(runtime: Runtime, ctx: Ctx<IntegrationActor>, author: MessageAuthorChoice, field: string) {
  if (author === 'system') return { ctx, person: null };
  const user = await activeBackofficeUser(ctx.db, author);
  if (!user) throw invalidFields({ [`${field}.${'email' in author ? 'email' : 'externalId'}`]: 'No active back-office user has this id.' });
  const actor: BackofficeUserActor = {
    kind: 'backoffice_user',
    id: user.id,
    role: user.role,
    name: personName(user.first_name, user.last_name),
  };
  return { ctx: runtime.contextFor(actor), person: actor };
}

export function integrationConversationRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const reader = (request: FastifyRequest) => integrationCtx(runtime, request, 'conversations:read');
    const writer = (request: FastifyRequest) => integrationCtx(runtime, request, 'conversations:write');

    app.get(
      '/conversations',
      {
        schema: {
          tags,
          summary: 'Conversations in change order (conversations:read), optionally of one customer user',
          querystring: IntegrationConversationsQuery,
          response: { 200: SyncPage(ConversationSummary), ...errors },
        },
      },
      async (request) => {
        const ctx = reader(request);
        const { customerUserExternalId, ...page } = request.query;
        let customerUserId: number | undefined;
        if (customerUserExternalId !== undefined) {
          customerUserId = (await customerUserOf(ctx.db, customerUserExternalId))?.id;
          if (customerUserId === undefined) return { items: [], nextCursor: null };
        }
        return listConversationsInChangeOrder(ctx, { ...page, customerUserId });
      },
    );

    app.post(
      '/conversations',
      {
        schema: {
          tags,
          summary: 'Start a conversation for a customer user, optionally about a record, with its first message (conversations:write)',
          description:
            'The first message is written by `author`: a back-office user by `{ "externalId" }` or `{ "email" }` (who then takes part), or `"system"` for a system message from Parley. The owner is the customer’s sales representative.',
          headers: IdempotentWriteHeaders,
          body: IntegrationCreateConversationBody,
          response: { 201: ConversationWithMessage, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = writer(request);
        const input = request.body;
        const customerUser = await customerUserOf(ctx.db, input.customerUserExternalId);
        if (!customerUser) throw invalidFields({ customerUserExternalId: 'No customer user has this externalId.' });
        let recordId: number | null = null;
        if (input.record) {
          const record = await recordOf(ctx.db, input.record.type, input.record.externalId);
          if (!record || record.customer_user_id !== customerUser.id)
            throw invalidFields({ 'record.externalId': 'No record of this customer user has this externalId.' });
          recordId = record.id;
        }
        const author = await authorCtx(runtime, ctx, input.author, 'author');
        const started = await createConversationForStore(
          author.ctx,
          { name: input.name, customerUserId: customerUser.id, customerId: customerUser.customer_id, recordId, message: input.message },
          idempotencyOf(request, ctx),
        );
        return sendCreated(reply, started);
      },
    );

    app.get(
      '/conversations/:id',
      {
        schema: {
          tags,
          summary: 'One conversation (conversations:read)',
          params: IdParams,
          response: { 200: ConversationSummary, ...errors },
        },
      },
      (request) => getConversation(reader(request), request.params.id),
    );

    app.get(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'A page of the thread, oldest first (conversations:read)',
          params: IdParams,
          querystring: MessagesQuery,
          response: { 200: MessagePage, ...errors },
        },
      },
      (request) => listMessages(reader(request), request.params.id, request.query),
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Post a message as a back-office user or as the system (conversations:write)',
          params: IdParams,
          headers: IdempotentWriteHeaders,
          body: IntegrationPostMessageBody,
          response: { 201: Message, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = writer(request);
        const idempotency = idempotencyOf(request, ctx);
        const author = await authorCtx(runtime, ctx, request.body.author, 'author');
        // the files are the token's uploads, whoever the message is from
        const ids = request.body.attachmentIds ?? [];
        const uploadedBy = { kind: 'integration' as const, id: ctx.actor.id };
        const posted = author.person
          ? await postMessage(
              runtime.contextFor(author.person),
              request.params.id,
              { body: request.body.body, attachmentIds: ids, uploadedBy },
              idempotency,
            )
          : await postSystemMessage(ctx, request.params.id, request.body.body, idempotency, ids.length ? { ids, uploadedBy } : undefined);
        return sendCreated(reply, posted);
      },
    );
  };
}
