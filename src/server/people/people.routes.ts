import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BackofficeUser, Customer, CustomerUser, ErrorBody, IdParams, ListOf, SearchQuery } from '../../shared/api';
import type { Runtime } from '../kernel/context';
import { backofficeCtx } from '../http/request';
import * as people from './people.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Back-office: customers, customer users and back-office users. */
export function peopleRoutes(runtime: Runtime) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['Back-office: customers'];
    const ctxOf = (request: Parameters<typeof backofficeCtx>[1]) => backofficeCtx(runtime, request);

    app.get(
      '/customers',
      {
        schema: { tags, summary: 'Customers, by name', querystring: SearchQuery, response: { 200: ListOf(Customer), ...errors } },
      },
      (request) => people.listCustomers(ctxOf(request), request.query.q, request.query.limit, request.query.offset),
    );

    app.get(
      '/customers/:id',
      {
        schema: { tags, summary: 'One customer', params: IdParams, response: { 200: Customer, ...errors } },
      },
      (request) => people.getCustomer(ctxOf(request), request.params.id),
    );

    app.get(
      '/customer-users',
      {
        schema: {
          tags,
          summary: 'Customer users, searchable by name, email or customer',
          querystring: SearchQuery,
          response: { 200: ListOf(CustomerUser), ...errors },
        },
      },
      (request) => {
        const { q, customerId, customerTreeOf, limit, offset } = request.query;
        return people.listCustomerUsers(ctxOf(request), { q, customerId, customerTreeOf }, limit, offset);
      },
    );

    app.get(
      '/customer-users/:id',
      {
        schema: { tags, summary: 'One customer user', params: IdParams, response: { 200: CustomerUser, ...errors } },
      },
      (request) => people.getCustomerUser(ctxOf(request), request.params.id),
    );

    app.delete(
      '/customer-users/:id',
      {
        schema: {
          tags,
          summary: 'Delete a customer user (Administrator); their conversations and messages stay, shown as "Deleted user"',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await people.deleteCustomerUser(ctxOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/users',
      {
        schema: {
          tags: ['Back-office: users'],
          summary: 'Back-office users (owners)',
          response: { 200: z.object({ items: z.array(BackofficeUser) }), ...errors },
        },
      },
      async (request) => ({ items: await people.listBackofficeUsers(ctxOf(request)) }),
    );
  };
}
