import { eventTypes, type StoredEvent } from '../../shared/events';
import type { SystemActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import type { Consumer } from '../events';
import { deliveriesOf, enqueueDeliveries } from './deliveries.service';
import { activeEndpoints } from './endpoints.repo';

async function fanOut(events: readonly StoredEvent[], ctx: Ctx<SystemActor>) {
  const endpoints = await activeEndpoints(ctx.db);
  const rows = events.flatMap((event) => deliveriesOf(event, endpoints));
  if (rows.length > 0) await ctx.write(enqueueDeliveries, { rows });
}

/**
 * Every event becomes one delivery per active endpoint that receives it, in
 * event order (the worker keeps that order per conversation). Nothing here
 * waits on a receiver; a repeated run adds nothing (one delivery per
 * endpoint and event). Starts from now: history is not sent to endpoints.
 */
export const webhooksConsumer: Consumer = {
  name: 'webhooks.fanout',
  types: eventTypes,
  startAt: 'now',
  handle: (event, ctx) => fanOut([event], ctx),
  // one durable write per batch of events, not per event: the fan-out keeps up with the posts
  handleBatch: fanOut,
};
