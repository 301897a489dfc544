import { eventTypes } from '../../shared/events';
import type { Consumer } from '../events';
import { deliveriesOf, enqueueDeliveries } from './deliveries.service';
import { activeEndpoints } from './endpoints.repo';

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
  async handle(event, ctx) {
    const rows = deliveriesOf(event, await activeEndpoints(ctx.db));
    if (rows.length > 0) await ctx.write(enqueueDeliveries, { rows });
  },
};
