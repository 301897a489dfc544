import { eventTypes, type StoredEvent } from '../../shared/events';
import { withDownloadLinks, type LinkSettings } from '../attachments';
import type { SystemActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import type { Consumer } from '../events';
import { deliveriesOf, enqueueDeliveries } from './deliveries.service';
import { activeEndpoints } from './endpoints.repo';

/** A new message's files get a signed download link each, valid for an hour, for the receiver (who has no session). */
async function withLinks(event: StoredEvent, ctx: Ctx<SystemActor>, links: LinkSettings): Promise<StoredEvent> {
  if (event.type !== 'message.created' || !event.payload.message.attachments?.length) return event;
  return { ...event, payload: { ...event.payload, message: await withDownloadLinks(ctx.db, links, event.payload.message) } };
}

/**
 * Every event becomes one delivery per active endpoint that receives it, in
 * event order (the worker keeps that order per conversation). Nothing here
 * waits on a receiver; a repeated run adds nothing (one delivery per
 * endpoint and event). Starts from now: history is not sent to endpoints.
 */
export function webhooksConsumer(links: LinkSettings): Consumer {
  const fanOut = async (events: readonly StoredEvent[], ctx: Ctx<SystemActor>) => {
    const endpoints = await activeEndpoints(ctx.db);
    if (endpoints.length === 0) return;
    const linked = await Promise.all(events.map((event) => withLinks(event, ctx, links)));
    const rows = linked.flatMap((event) => deliveriesOf(event, endpoints));
    if (rows.length > 0) await ctx.write(enqueueDeliveries, { rows });
  };
  return {
    name: 'webhooks.fanout',
    types: eventTypes,
    startAt: 'now',
    handle: (event, ctx) => fanOut([event], ctx),
    // one durable write per batch of events, not per event: the fan-out keeps up with the posts
    handleBatch: fanOut,
  };
}
