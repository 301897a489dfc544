// Webhooks by the Standard Webhooks specification. How it is put together:
//
// - The fan-out (fanout.consumer.ts) is a durable consumer of the event
//   stream: for each event, in order, it writes one row per endpoint that
//   receives it into webhook_deliveries, in the same order. It never talks
//   to a receiver, so a slow one cannot hold up the stream, the other
//   consumers or a post; its cursor makes it resume after a crash.
// - The worker (worker.ts), one per instance, drains that table: each
//   endpoint's due deliveries, only the oldest pending one of each
//   conversation (its lane), claimed for a while by a conditional update,
//   posted with a 10 s timeout, each attempt recorded. A failure is tried
//   again with exponential backoff and jitter (retries.ts) for 24 hours from
//   the first attempt; then the delivery fails and its endpoint is disabled
//   with the reason. A lane waits behind its failing head, so a
//   conversation's events arrive in order, at least once; other lanes and
//   endpoints go on.
// Why a table between them rather than one consumer that posts: a consumer
// handles one event at a time, in order, for all endpoints, so one receiver
// timing out would stall every endpoint's deliveries.
export { webhooksConsumer } from './fanout.consumer';
export { webhookRoutes } from './webhooks.routes';
export { startWebhookWorker, defaultWorkerOptions, type WebhookWorker, type WorkerOptions } from './worker';
export { canManageWebhooks, endpointCommands, type WebhookSettings } from './endpoints.service';
export { deliveryCommands } from './deliveries.service';
export { pendingDeliveryCount } from './deliveries.repo';
export { webhooksMigrations } from './webhooks.migrations';
