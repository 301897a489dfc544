import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../shared/api';
import { BackofficeSearchQuery, SearchPage, StorefrontSearchQuery } from '../../shared/search';
import { backofficeCtx, storefrontCtx } from '../http/request';
import type { Runtime } from '../kernel/context';
import { searchAsCustomerUser, searchAsStaff } from './search.service';

const errors = { 400: ErrorBody, 401: ErrorBody };
const how =
  'Words match as prefixes ("invo" finds "invoice"), "quoted words" as a phrase, case and accents folded; ' +
  'every other character separates words. Best match first, then newest. ';

export function storefrontSearchRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    base.withTypeProvider<ZodTypeProvider>().get(
      '/search',
      {
        schema: {
          tags: ['Storefront: conversations'],
          summary: 'Search the conversations and messages I may see',
          description: `${how}Internal notes are never found.`,
          querystring: StorefrontSearchQuery,
          response: { 200: SearchPage, ...errors },
        },
      },
      (request) => searchAsCustomerUser(storefrontCtx(runtime, request), request.query),
    );
  };
}

export function backofficeSearchRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    base.withTypeProvider<ZodTypeProvider>().get(
      '/search',
      {
        schema: {
          tags: ['Back-office: conversations'],
          summary: 'Search every conversation and message, internal notes too',
          description: `${how}Without words, the messages that pass the filters, newest first.`,
          querystring: BackofficeSearchQuery,
          response: { 200: SearchPage, ...errors },
        },
      },
      (request) => searchAsStaff(backofficeCtx(runtime, request), request.query),
    );
  };
}
