// The stored event stream: events are written with the change they describe
// (store.ts), fanned out after commit (the bus: in memory, or Redis for many
// instances), and read back in id order by the live feed and by durable
// consumers (consumers.ts), each from its own cursor.
export { checkedEvent, recordEvent } from './store';
export { countEventsAfter, insertEventSql, loadEventsAfter, loadSettledEventsAfter, type EventFilter } from './events.repo';
export { lastEventId, eventsBetween, lockConversationOrder, refuseLateOrderLock, ORDER_LOCK_SPACE } from './positions';
export { createFanout, createInMemoryEventBus, type EventBus, type EventListener, type SignalListener } from './bus';
export { createRedisEventBus, type RedisBusOptions } from './redis-bus';
export { startConsumers, defaultConsumerOptions, type Consumer, type ConsumerOptions, type ConsumerRuntime } from './consumers';
export { cursorCommands, consumerPositions } from './cursors';
export { startJobs, defaultJobOptions, jobCommands, jobRuns, type Job, type JobOptions } from './jobs';
export { eventsMigrations } from './events.migrations';
