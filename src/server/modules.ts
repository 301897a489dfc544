// The one place a module plugs in: its migrations (in the order their tables
// refer to each other), its commands (the writes the write thread may run)
// and its durable consumers of the event stream (those that need the app's
// clock, such as notifications', are made in app.ts). Routes are registered in
// app.ts, in the scope of the side they serve.
import { accountsCommands, accountsMigrations, purgeExpiredSessions, sessionsConsumer, sessionsPurgeJob } from './accounts';
import {
  conversationCommands,
  conversationsMigrations,
  messageCommands,
  participantCommands,
  routingCommands,
  sourcesConsumer,
  statusCommands,
} from './conversations';
import type { ModuleMigrations } from './db/migrations';
import { cursorCommands, eventsMigrations, jobCommands, type Consumer, type Job } from './events';
import { integrationCommands, integrationMigrations } from './integration';
import type { AnyCommand } from './kernel/context';
import { peopleCommands, peopleMigrations } from './people';
import { recordsCommands, recordsMigrations } from './records';
import { idempotencyPurgeJob, purgeIdempotencyKeys, writesMigrations } from './writes';
import { deliveryCommands, endpointCommands, webhooksMigrations } from './webhooks';
import { mailCommands, mailMigrations } from './mail';
import { notificationCommands, notificationsMigrations } from './notifications';
import { inboundMigrations, recordInbound } from './inbound';
import { replyCommands, repliesMigrations } from './replies';
import { searchMigrations } from './search';
import { attachmentCommands, attachmentsMigrations, cleanupCommands } from './attachments';

export const migrations: readonly ModuleMigrations[] = [
  peopleMigrations,
  recordsMigrations,
  conversationsMigrations,
  accountsMigrations,
  eventsMigrations,
  writesMigrations,
  integrationMigrations,
  webhooksMigrations,
  mailMigrations,
  notificationsMigrations,
  inboundMigrations,
  repliesMigrations,
  searchMigrations,
  attachmentsMigrations,
];

export const commands: readonly AnyCommand[] = [
  ...peopleCommands,
  ...recordsCommands,
  ...conversationCommands,
  ...messageCommands,
  ...statusCommands,
  ...participantCommands,
  ...routingCommands,
  ...accountsCommands,
  ...cursorCommands,
  ...integrationCommands,
  ...endpointCommands,
  ...deliveryCommands,
  ...mailCommands,
  ...notificationCommands,
  recordInbound,
  ...replyCommands,
  ...jobCommands,
  purgeExpiredSessions,
  purgeIdempotencyKeys,
  ...attachmentCommands,
  ...cleanupCommands,
];

// webhooks.fanout and attachments.deletedConversations need the app's settings: app.ts makes them
export const consumers: readonly Consumer[] = [sourcesConsumer, sessionsConsumer];

/** Periodic jobs, each run by one instance at a time (events/jobs.ts). */
export const jobs: readonly Job[] = [sessionsPurgeJob, idempotencyPurgeJob];
