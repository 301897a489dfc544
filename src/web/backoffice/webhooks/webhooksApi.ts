// The back-office's calls to /admin/api/webhooks, typed from src/shared/webhooks.ts.
import type { z } from 'zod';
import type {
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookSecret,
  RotateSecretBody,
} from '../../../shared/webhooks';
import { api } from '../api';

export type { WebhookDelivery, WebhookEndpoint, WebhookSecret } from '../../../shared/webhooks';

const endpointUrl = (id: number) => `/webhooks/${id}`;

export const webhooksApi = {
  list: () => api.get<{ items: WebhookEndpoint[] }>('/webhooks'),
  get: (id: number) => api.get<WebhookEndpoint>(endpointUrl(id)),
  create: (body: CreateWebhookBody) => api.send<WebhookEndpoint>('POST', '/webhooks', body),
  update: (id: number, body: UpdateWebhookBody) => api.send<WebhookEndpoint>('PATCH', endpointUrl(id), body),
  remove: (id: number) => api.send<void>('DELETE', endpointUrl(id)),
  secret: (id: number) => api.get<WebhookSecret>(`${endpointUrl(id)}/secret`),
  rotate: (id: number, body: z.input<typeof RotateSecretBody>) => api.send<WebhookSecret>('POST', `${endpointUrl(id)}/secret/rotate`, body),
  deliveries: (id: number) => api.get<{ items: WebhookDelivery[] }>(`${endpointUrl(id)}/deliveries?limit=50`),
  redeliver: (id: number, deliveryId: number) =>
    api.send<WebhookDelivery>('POST', `${endpointUrl(id)}/deliveries/${deliveryId}/redeliver`, {}),
  sendTest: (id: number) => api.send<WebhookDelivery>('POST', `${endpointUrl(id)}/test`, {}),
};

export const webhooksPath = '/admin/settings/webhooks';
export const webhookPath = (id: number) => `${webhooksPath}/${id}`;
