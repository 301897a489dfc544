import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CommerceRecord, ErrorBody, IdParams, ListOf, SearchQuery, recordPaths, type RecordType } from '../../shared/api';
import { wholeNumber } from '../../shared/input';
import type { Runtime } from '../kernel/context';
import { backofficeCtx, storefrontCtx } from '../http/request';
import { ExternalIdParams } from '../../shared/integration';
import { notFound } from '../kernel/errors';
import { deleteRecord, getVisibleRecord, listVisibleRecords, presentRecord } from './records.service';
import { recordOf } from './records.sync';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const ListQuery = z.object({ limit: wholeNumber(1, 200).default(50), offset: wholeNumber(0).default(0) });

/** /orders, /rfqs and /quotes of the signed-in customer user (and, for an Administrator, of their customer). */
export function storefrontRecordRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    for (const [type, path] of Object.entries(recordPaths) as [RecordType, string][]) {
      const tags = [`Storefront: ${path}`];
      app.get(
        `/${path}`,
        {
          schema: {
            tags,
            summary: `My ${path}, newest first`,
            querystring: ListQuery,
            response: { 200: ListOf(CommerceRecord), ...errors },
          },
        },
        (request) => listVisibleRecords(storefrontCtx(runtime, request), { type }, request.query.limit, request.query.offset),
      );

      app.get(
        `/${path}/:id`,
        {
          schema: { tags, summary: `One of my ${path}`, params: IdParams, response: { 200: CommerceRecord, ...errors } },
        },
        async (request) => presentRecord(await getVisibleRecord(storefrontCtx(runtime, request), request.params.id, type)),
      );

      // the store's deep links (/ask?record=order:<externalId>) name its own id
      app.get(
        `/${path}/external/:externalId`,
        {
          schema: {
            tags,
            summary: `One of my ${path}, by the store's id`,
            params: ExternalIdParams,
            response: { 200: CommerceRecord, ...errors },
          },
        },
        async (request) => {
          const ctx = storefrontCtx(runtime, request);
          const found = await recordOf(ctx.db, type, request.params.externalId);
          if (!found) throw notFound('RECORD_NOT_FOUND', 'Record');
          return presentRecord(await getVisibleRecord(ctx, found.id, type));
        },
      );
    }
  };
}

export function backofficeRecordRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['Back-office: records'];
    app.get(
      '/records',
      {
        schema: {
          tags,
          summary: 'Orders, RFQs and quotes, filtered',
          querystring: SearchQuery,
          response: { 200: ListOf(CommerceRecord), ...errors },
        },
      },
      (request) => {
        const { q, type, customerId, customerUserId, limit, offset } = request.query;
        return listVisibleRecords(backofficeCtx(runtime, request), { q, type, customerId, customerUserId }, limit, offset);
      },
    );

    app.get(
      '/records/:id',
      {
        schema: { tags, summary: 'One record', params: IdParams, response: { 200: CommerceRecord, ...errors } },
      },
      async (request) => presentRecord(await getVisibleRecord(backofficeCtx(runtime, request), request.params.id)),
    );

    app.delete(
      '/records/:id',
      {
        schema: {
          tags,
          summary: 'Delete a record (Administrator); its conversations stay, without source',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteRecord(backofficeCtx(runtime, request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
