import type { Generated, Selectable } from 'kysely';

/** An integrator's URL, the events it chose, and the secrets that sign what it receives. */
export interface WebhookEndpointTable {
  id: Generated<number>;
  url: string;
  description: string;
  /** JSON array of event types */
  event_types: string;
  /** 1 or 0 */
  active: number;
  include_staff_only: number;
  /** whsec_<base64> */
  secret: string;
  /** during a rotation's overlap, the old secret and when it stops signing */
  previous_secret: string | null;
  previous_secret_until: string | null;
  disabled_reason: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export type DeliveryKind = 'event' | 'test' | 'redelivery';

/** One event (or test, or redelivery) to send to one endpoint, until it is delivered or given up. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  endpoint_id: number;
  /** the stored event it carries; null for a test or a redelivery (so the fan-out's (endpoint, event) stays unique) */
  event_id: number | null;
  /** the webhook-id header */
  message_id: string;
  event_type: string;
  kind: DeliveryKind;
  /** the conversation whose order it keeps; null: ordered with nothing */
  lane: number | null;
  /** the exact JSON body, signed as it is */
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  first_attempt_at: string | null;
  /** the instance sending it now, and until when that claim holds */
  claimed_by: string | null;
  claimed_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  endpoint_id: number;
  attempted_at: string;
  status: number | null;
  /** 1 for a 2xx answer */
  ok: number;
  duration_ms: number;
  /** the first 2 KB of the answer's body */
  response: string;
  error: string | null;
}

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;
export type AttemptRow = Selectable<WebhookAttemptTable>;

declare module '../db/schema' {
  interface DB {
    webhook_endpoints: WebhookEndpointTable;
    webhook_deliveries: WebhookDeliveryTable;
    webhook_attempts: WebhookAttemptTable;
  }
}
