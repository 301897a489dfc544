// Deliveries: what the fan-out queues for each endpoint, the worker's
// commands (claim, record an attempt), and the log with Redeliver and Send
// test event. Times come in as arguments (from the app's clock, on the
// thread that calls), so that a command is the same wherever it runs.
import { randomUUID } from 'node:crypto';
import { webhookAudience, TEST_EVENT_TYPE, type WebhookDelivery } from '../../shared/webhooks';
import { isStaffOnly, type StoredEvent } from '../../shared/events';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import * as repo from './deliveries.repo';
import { findEndpointOrFail, iso, type WebhookSettings } from './endpoints.service';
import type { DeliveryKind, EndpointRow } from './webhooks.table';

/** The JSON body of every delivery: the event's type, its time, and its payload as the event catalogue defines it. */
export const deliveryBody = (type: string, timestamp: string, data: unknown) => JSON.stringify({ type, timestamp, data });

/** Whether an endpoint receives an event: it chose the type, and a staff-only event only where it opted in. */
export function receives(endpoint: EndpointRow, event: StoredEvent): boolean {
  const types = JSON.parse(endpoint.event_types) as string[];
  const forEveryone = webhookAudience[event.type] === 'everyone' && !isStaffOnly(event);
  return types.includes(event.type) && (forEveryone || endpoint.include_staff_only === 1);
}

/** The deliveries one event makes, one per endpoint that receives it, due at once, in the lane of its conversation. */
export function deliveriesOf(event: StoredEvent, endpoints: readonly EndpointRow[]): repo.NewDelivery[] {
  const body = deliveryBody(event.type, event.createdAt, event.payload);
  return endpoints
    .filter((endpoint) => receives(endpoint, event))
    .map((endpoint) => ({
      endpoint_id: endpoint.id,
      event_id: event.id,
      message_id: String(event.id),
      event_type: event.type,
      kind: 'event' as const,
      lane: event.conversationId,
      body,
      state: 'pending' as const,
      attempts: 0,
      next_attempt_at: event.createdAt,
      created_at: event.createdAt,
      updated_at: event.createdAt,
    }));
}

export const enqueueDeliveries = defineCommand('webhooks.enqueue', async (ctx, { rows }: { rows: repo.NewDelivery[] }) => {
  await repo.insertDeliveries(ctx.db, rows);
});

export const claimDeliveries = defineCommand(
  'webhooks.claim',
  async (ctx, { ids, owner, at, until }: { ids: number[]; owner: string; at: string; until: string }) =>
    (await repo.claimDeliveries(ctx.db, ids, owner, at, until)).map((r) => r.id),
);

export interface AttemptOutcome {
  deliveryId: number;
  endpointId: number;
  at: string;
  status: number | null;
  ok: boolean;
  durationMs: number;
  response: string;
  error: string | null;
  /** after a failure: when to try again; null to give up (a test is never retried) */
  retryAt: string | null;
  /** given up on an event: why its endpoint is disabled */
  disableReason: string | null;
}

/** Logs an attempt and moves its delivery on: delivered, due again later, or failed (and its endpoint disabled). */
async function recordAttempt(ctx: Ctx, o: AttemptOutcome) {
  const delivery = await repo.findDelivery(ctx.db, o.endpointId, o.deliveryId);
  // the endpoint was deleted meanwhile: nothing left to log
  if (!delivery) return;
  await repo.insertAttempt(ctx.db, {
    delivery_id: o.deliveryId,
    endpoint_id: o.endpointId,
    attempted_at: o.at,
    status: o.status,
    ok: o.ok ? 1 : 0,
    duration_ms: o.durationMs,
    response: o.response,
    error: o.error,
  });
  await ctx.db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      state: o.ok ? 'delivered' : o.retryAt ? 'pending' : 'failed',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: o.retryAt ?? delivery.next_attempt_at,
      first_attempt_at: delivery.first_attempt_at ?? o.at,
      claimed_by: null,
      claimed_until: null,
      updated_at: o.at,
    }))
    .where('id', '=', o.deliveryId)
    .execute();
  if (o.disableReason) {
    await ctx.db
      .updateTable('webhook_endpoints')
      .set({ active: 0, disabled_reason: o.disableReason, disabled_at: o.at, updated_at: o.at })
      .where('id', '=', o.endpointId)
      .where('active', '=', 1)
      .execute();
  }
}

/** The attempts that ended together, in one write (one fsync for many deliveries). */
export const recordAttempts = defineCommand('webhooks.recordAttempts', async (ctx, { outcomes }: { outcomes: AttemptOutcome[] }) => {
  for (const outcome of outcomes) await recordAttempt(ctx, outcome);
});

const queueDelivery = defineCommand(
  'webhooks.queue',
  async (
    ctx,
    d: { endpointId: number; kind: Exclude<DeliveryKind, 'event'>; messageId: string; eventType: string; body: string; at: string },
  ) => {
    const [row] = await repo.insertDeliveries(ctx.db, [
      {
        endpoint_id: d.endpointId,
        event_id: null,
        message_id: d.messageId,
        event_type: d.eventType,
        kind: d.kind,
        // out of every lane: a test or a redelivery holds up nothing and waits for nothing
        lane: null,
        body: d.body,
        state: 'pending',
        attempts: 0,
        next_attempt_at: d.at,
        created_at: d.at,
        updated_at: d.at,
      },
    ]);
    return row!.id;
  },
);

export const deliveryCommands = [enqueueDeliveries, claimDeliveries, recordAttempts, queueDelivery];

export async function deliveryLog(ctx: Ctx, endpointId: number, page: { before?: number | undefined; limit: number }) {
  await findEndpointOrFail(ctx, endpointId);
  const { deliveries, attempts } = await repo.deliveryLog(ctx.db, endpointId, page.before, page.limit);
  const items: WebhookDelivery[] = deliveries.map((d) => ({
    id: d.id,
    messageId: d.message_id,
    eventType: d.event_type,
    kind: d.kind,
    state: d.state,
    attempts: attempts
      .filter((a) => a.delivery_id === d.id)
      .map((a) => ({
        id: a.id,
        at: a.attempted_at,
        status: a.status,
        ok: a.ok === 1,
        durationMs: a.duration_ms,
        response: a.response,
        error: a.error,
      })),
    nextAttemptAt: d.state === 'pending' ? d.next_attempt_at : null,
    createdAt: d.created_at,
  }));
  return { items };
}

async function queue(ctx: Ctx, settings: WebhookSettings, d: Omit<Parameters<typeof queueDelivery.run>[1], 'at'>) {
  const id = await ctx.write(queueDelivery, { ...d, at: iso(settings.clock.now()) });
  settings.wake();
  const { items } = await deliveryLog(ctx, d.endpointId, { before: id + 1, limit: 1 });
  return items[0]!;
}

/** Sends the delivery's event again, with the same webhook-id and body (freshly signed), as a delivery of its own. */
export async function redeliver(ctx: Ctx, settings: WebhookSettings, endpointId: number, deliveryId: number) {
  await findEndpointOrFail(ctx, endpointId);
  const original = await repo.findDelivery(ctx.db, endpointId, deliveryId);
  if (!original) throw new AppError('NOT_FOUND', 'No delivery with this id for this endpoint.');
  return queue(ctx, settings, {
    endpointId,
    kind: 'redelivery',
    messageId: original.message_id,
    eventType: original.event_type,
    body: original.body,
  });
}

/** A webhook.test event, sent once (never retried), even to an inactive endpoint: for checking a receiver. */
export async function sendTestEvent(ctx: Ctx, settings: WebhookSettings, endpointId: number) {
  await findEndpointOrFail(ctx, endpointId);
  const at = iso(settings.clock.now());
  const messageId = `test_${randomUUID()}`;
  return queue(ctx, settings, {
    endpointId,
    kind: 'test',
    messageId,
    eventType: TEST_EVENT_TYPE,
    body: deliveryBody(TEST_EVENT_TYPE, at, { endpointId, message: 'A test event from Parley.' }),
  });
}
