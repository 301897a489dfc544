import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api';
import {
  BulkAnswer,
  ExternalIdParams,
  SyncBackofficeUser,
  SyncCustomer,
  SyncCustomerUser,
  SyncListQuery,
  SyncPage,
  SyncRecord,
  syncPaths,
  upsertBodies,
  type SyncKind,
} from '../../shared/integration';
import type { Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { IdempotentWriteHeaders, idempotencyOf } from '../http/request';
import { settleRetries, storedAnswer } from '../writes';
import { importLines, BULK_MAX_LINES, scopeOfKind } from './bulk';
import { isRecordKind, readOne, readPage, rememberBulk, remove, upsert, type UpsertItem } from './sync.service';
import { integrationCtx } from './token-scope';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const views: Record<SyncKind, z.ZodType> = {
  customer: SyncCustomer,
  customer_user: SyncCustomerUser,
  backoffice_user: SyncBackofficeUser,
  order: SyncRecord,
  rfq: SyncRecord,
  quote: SyncRecord,
};
const nouns: Record<SyncKind, string> = {
  customer: 'customer',
  customer_user: 'customer user',
  backoffice_user: 'back-office user',
  order: 'order',
  rfq: 'RFQ',
  quote: 'quote',
};

/** /integration/v1: PUT, GET, list and DELETE by the store's ids, and the NDJSON bulk import. */
export function syncRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    for (const kind of Object.keys(syncPaths) as SyncKind[]) {
      const path = `/${syncPaths[kind]}`;
      const scope = scopeOfKind(kind);
      const tags = [`Integration: ${syncPaths[kind]}`];
      const noun = nouns[kind];
      app.put(
        `${path}/:externalId`,
        {
          schema: {
            tags,
            summary: `Create or change the ${noun} with this externalId (${scope}); the same body again changes nothing`,
            description: '201 when created, 200 when changed or already so (then nothing is written).',
            params: ExternalIdParams,
            body: upsertBodies[kind],
            response: { 200: views[kind], 201: views[kind], ...errors },
          },
        },
        async (request, reply) => {
          const ctx = integrationCtx(runtime, request, scope);
          const item = { kind, externalId: request.params.externalId, body: request.body } as UpsertItem;
          const { outcome } = await upsert(ctx, item);
          return reply.status(outcome === 'created' ? 201 : 200).send(await readOne(ctx, kind, item.externalId));
        },
      );
      app.get(
        `${path}/:externalId`,
        { schema: { tags, summary: `One ${noun} (${scope})`, params: ExternalIdParams, response: { 200: views[kind], ...errors } } },
        (request) => readOne(integrationCtx(runtime, request, scope), kind, request.params.externalId),
      );
      app.get(
        path,
        {
          schema: {
            tags,
            summary: `The ${noun}s with an externalId, in change order (${scope})`,
            description:
              'Oldest change first; pass nextCursor as cursor for the next page. updatedSince keeps those changed at or after it.',
            querystring: SyncListQuery,
            response: { 200: SyncPage(views[kind]), ...errors },
          },
        },
        (request) => readPage(integrationCtx(runtime, request, scope), kind, request.query),
      );
      if (kind === 'customer_user' || isRecordKind(kind)) {
        app.delete(
          `${path}/:externalId`,
          {
            schema: {
              tags,
              summary:
                kind === 'customer_user'
                  ? `Delete a customer user (${scope}): their conversations and messages stay, shown as a deleted user`
                  : `Delete the ${noun} (${scope}): its conversations stay, without source`,
              params: ExternalIdParams,
              response: { 204: z.null(), ...errors },
            },
          },
          async (request, reply) => {
            await remove(integrationCtx(runtime, request, scope), kind, request.params.externalId);
            return reply.status(204).send(null);
          },
        );
      }
    }

    app.post(
      '/bulk',
      {
        bodyLimit: 32 * 1024 * 1024,
        schema: {
          tags: ['Integration: bulk'],
          summary: `Many upserts at once: NDJSON (application/x-ndjson), one {"kind","externalId",...} per line, up to ${BULK_MAX_LINES} lines`,
          description:
            'Kinds mix freely and a child may come before its parent. Each line is answered in `results` (created, updated, unchanged or failed, with field paths). Lines need the scope of their kind. Written in chunks of 500 lines per transaction.',
          headers: IdempotentWriteHeaders,
          response: { 200: BulkAnswer, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = integrationCtx(runtime, request, ['directory:write', 'records:write']);
        if (typeof request.body !== 'string') {
          throw new AppError('VALIDATION_FAILED', 'Send NDJSON: one JSON object per line, as application/x-ndjson.', {
            body: 'Use Content-Type: application/x-ndjson.',
          });
        }
        const idempotency = idempotencyOf(request, ctx);
        const text = request.body;
        // a retry of a finished import answers the first answer and writes nothing
        const stored = idempotency && (await storedAnswer<BulkAnswer>(ctx, idempotency));
        const { value, replayed } = stored
          ? { value: stored, replayed: true }
          : await settleRetries(ctx, idempotency, async () => {
              const answer = await importLines(ctx, text);
              return idempotency ? ctx.write(rememberBulk, { request: idempotency, answer }) : { value: answer, replayed: false };
            });
        if (replayed) reply.header('idempotent-replayed', 'true');
        return value;
      },
    );
  };
}
