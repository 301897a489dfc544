import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api';
import {
  CreateWebhookBody,
  DeliveriesQuery,
  DeliveryParams,
  RotateSecretBody,
  UpdateWebhookBody,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookIdParams,
  WebhookSecret,
} from '../../shared/webhooks';
import { backofficeCtx } from '../http/request';
import type { Runtime } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { deliveryLog, redeliver, sendTestEvent } from './deliveries.service';
import * as endpoints from './endpoints.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const EmptyBody = z.object({}).optional();

/**
 * /webhooks: endpoints, secrets, the delivery log, Redeliver and Send test
 * event, for whoever canManageWebhooks allows: in the back-office an
 * Administrator; under /integration/v1 (`side: 'integration'`) a service
 * token with the webhooks:manage scope (its scope has made the actor).
 */
export function webhookRoutes(settings: endpoints.WebhookSettings, side: 'backoffice' | 'integration' = 'backoffice') {
  return (runtime: Runtime) => async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = [side === 'backoffice' ? 'Back-office: webhooks' : 'Integration: webhooks'];
    const ctxOf = (request: FastifyRequest) => {
      if (side === 'backoffice') return backofficeCtx(runtime, request);
      if (request.actor?.kind !== 'integration')
        throw new AppError('UNAUTHENTICATED', 'Send a service token: Authorization: Bearer <token>.');
      return runtime.contextFor(request.actor);
    };

    app.get(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'Webhook endpoints, with the outcome of their newest delivery',
          response: { 200: z.object({ items: z.array(WebhookEndpoint) }), ...errors },
        },
      },
      (request) => endpoints.listEndpoints(ctxOf(request)),
    );

    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'Add an endpoint (its URL must resolve to public addresses); it gets a whsec_ secret of its own',
          body: CreateWebhookBody,
          response: { 201: WebhookEndpoint, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(await endpoints.createEndpoint(ctxOf(request), settings, request.body)),
    );

    app.get(
      '/webhooks/:id',
      { schema: { tags, summary: 'One endpoint', params: WebhookIdParams, response: { 200: WebhookEndpoint, ...errors } } },
      (request) => endpoints.getEndpoint(ctxOf(request), request.params.id),
    );

    app.patch(
      '/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Change the URL, event types or description; deactivate, or activate again after a disabling',
          params: WebhookIdParams,
          body: UpdateWebhookBody,
          response: { 200: WebhookEndpoint, ...errors },
        },
      },
      (request) => endpoints.updateEndpoint(ctxOf(request), settings, request.params.id, request.body),
    );

    app.delete(
      '/webhooks/:id',
      { schema: { tags, summary: 'Delete an endpoint and its log', params: WebhookIdParams, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await endpoints.deleteEndpoint(ctxOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/webhooks/:id/secret',
      {
        schema: {
          tags,
          summary: 'The signing secret, and during a rotation the previous one with when it stops signing',
          params: WebhookIdParams,
          response: { 200: WebhookSecret, ...errors },
        },
      },
      (request) => endpoints.getSecret(ctxOf(request), settings, request.params.id),
    );

    app.post(
      '/webhooks/:id/secret/rotate',
      {
        schema: {
          tags,
          summary: 'A new secret; the old one keeps signing beside it for overlapMinutes (default 24 hours)',
          params: WebhookIdParams,
          body: RotateSecretBody.optional(),
          response: { 200: WebhookSecret, ...errors },
        },
      },
      (request) => endpoints.rotateSecret(ctxOf(request), settings, request.params.id, RotateSecretBody.parse(request.body ?? {})),
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          summary: 'The delivery log, newest first: every attempt with its status, duration and the first 2 KB of the answer',
          params: WebhookIdParams,
          querystring: DeliveriesQuery,
          response: { 200: z.object({ items: z.array(WebhookDelivery) }), ...errors },
        },
      },
      (request) => deliveryLog(ctxOf(request), request.params.id, request.query),
    );

    app.post(
      '/webhooks/:id/deliveries/:deliveryId/redeliver',
      {
        schema: {
          tags,
          summary: 'Send a delivered or failed event again (same webhook-id, new signature), as a delivery of its own',
          params: DeliveryParams,
          body: EmptyBody,
          response: { 202: WebhookDelivery, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(202).send(await redeliver(ctxOf(request), settings, request.params.id, request.params.deliveryId)),
    );

    app.post(
      '/webhooks/:id/test',
      {
        schema: {
          tags,
          summary: 'Send a webhook.test event (once, even to an inactive endpoint)',
          params: WebhookIdParams,
          body: EmptyBody,
          response: { 202: WebhookDelivery, ...errors },
        },
      },
      async (request, reply) => reply.status(202).send(await sendTestEvent(ctxOf(request), settings, request.params.id)),
    );
  };
}
