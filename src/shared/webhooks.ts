// Webhooks as the back-office API and the integrator see them: endpoints,
// their secrets, the delivery log, and which events a webhook may carry.
import { z } from 'zod';
import { eventTypes, type EventType } from './events';

/**
 * Who may read each event type's payload. Every type of the catalogue must be
 * listed (a new one stops the build here until someone decides): `staff`
 * types, and staff-only events of any type (an internal note is a
 * message.created of type "note", see isStaffOnly), go only to an endpoint
 * that opts in with `includeStaffOnly`, whatever event types it chose.
 */
export const webhookAudience: Record<EventType, 'everyone' | 'staff'> = {
  'conversation.created': 'everyone',
  'conversation.updated': 'everyone',
  'conversation.status_changed': 'everyone',
  'conversation.deleted': 'everyone',
  'conversation.read': 'everyone',
  'message.created': 'everyone',
  'participant.added': 'everyone',
  'participant.removed': 'everyone',
  'mention.created': 'staff',
  'record.deleted': 'everyone',
  'customer_user.deleted': 'everyone',
  'backoffice_user.deactivated': 'staff',
};

/** The type of the event "Send test event" sends; never stored, never in the catalogue. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** How long the old secret keeps signing after a rotation, unless the rotation says otherwise. */
export const DEFAULT_ROTATION_OVERLAP_MINUTES = 24 * 60;
export const MAX_ROTATION_OVERLAP_MINUTES = 7 * 24 * 60;

const EventTypeChoice = z.enum(eventTypes as [EventType, ...EventType[]], { error: 'Choose event types of the catalogue.' });

const WebhookUrl = z
  .string({ error: 'Enter the URL to send webhooks to.' })
  .trim()
  .min(1, 'Enter the URL to send webhooks to.')
  .max(2000, 'This URL is too long. It should have 2000 characters or less.')
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Enter an http:// or https:// URL.');

export const CreateWebhookBody = z.object({
  url: WebhookUrl,
  description: z.string().trim().max(255).default(''),
  eventTypes: z.array(EventTypeChoice).min(1, 'Choose at least one event type.').max(eventTypes.length),
  active: z.boolean().default(true),
  /** also staff-only events (such as internal notes), for an endpoint of the store's own staff tools */
  includeStaffOnly: z.boolean().default(false),
});
export type CreateWebhookBody = z.input<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z.object({
  url: WebhookUrl.optional(),
  description: z.string().trim().max(255).optional(),
  eventTypes: z.array(EventTypeChoice).min(1, 'Choose at least one event type.').max(eventTypes.length).optional(),
  /** true again after a disabling: deliveries resume where they stopped */
  active: z.boolean().optional(),
  includeStaffOnly: z.boolean().optional(),
});
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const RotateSecretBody = z.object({
  /** how long the old secret keeps signing beside the new one (0: stops at once) */
  overlapMinutes: z.number().int().min(0).max(MAX_ROTATION_OVERLAP_MINUTES).default(DEFAULT_ROTATION_OVERLAP_MINUTES),
});

export const DeliveryState = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const WebhookEndpoint = z.object({
  id: z.number(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  includeStaffOnly: z.boolean(),
  /** why Parley disabled it (deliveries failed for the whole retry window); null when it did not */
  disabledReason: z.string().nullable(),
  disabledAt: z.string().nullable(),
  /** the newest delivery's outcome, for the list */
  lastDelivery: z
    .object({ state: DeliveryState, status: z.number().nullable(), at: z.string().nullable(), eventType: z.string() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookSecret = z.object({
  /** whsec_<base64>: what an integrator gives the standardwebhooks library */
  secret: z.string(),
  /** during a rotation's overlap: the old secret, which still signs until `until` */
  previous: z.object({ secret: z.string(), until: z.string() }).nullable(),
});
export type WebhookSecret = z.infer<typeof WebhookSecret>;

export const WebhookAttempt = z.object({
  id: z.number(),
  at: z.string(),
  /** the HTTP status, or null when no answer came (timeout, refused connection, private address) */
  status: z.number().nullable(),
  ok: z.boolean(),
  durationMs: z.number(),
  /** the first 2 KB of the answer's body */
  response: z.string(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: z.number(),
  /** the webhook-id header: the event's id, the same on every retry and redelivery */
  messageId: z.string(),
  eventType: z.string(),
  kind: z.enum(['event', 'test', 'redelivery']),
  state: DeliveryState,
  attempts: z.array(WebhookAttempt),
  /** when the next attempt is due, while pending */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const DeliveriesQuery = z.object({
  /** deliveries older than this id (the last one of the previous page) */
  before: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const WebhookIdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
export const DeliveryParams = WebhookIdParams.extend({
  deliveryId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
