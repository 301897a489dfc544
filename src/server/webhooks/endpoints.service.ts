// Managing webhook endpoints: who may, what is checked, and the commands
// that write them. Every function takes the acting context first; any actor
// that canManageWebhooks allows (a back-office Administrator today, a service
// token with the webhooks:manage scope once tokens exist) may call them.
import type { z } from 'zod';
import { eventTypes, type EventType } from '../../shared/events';
import type { CreateWebhookBody, RotateSecretBody, UpdateWebhookBody, WebhookEndpoint, WebhookSecret } from '../../shared/webhooks';
import { unreachable, type Actor } from '../kernel/actor';
import type { Clock } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, invalidFields } from '../kernel/errors';
import { checkDestination } from './addresses';
import * as deliveries from './deliveries.repo';
import * as repo from './endpoints.repo';
import { newSecret } from './signing';
import type { EndpointRow } from './webhooks.table';

/** What the webhooks' services need besides the context: the clock, the address rule, and a way to tell the worker. */
export interface WebhookSettings {
  clock: Clock;
  /** PARLEY_WEBHOOKS_ALLOW_PRIVATE: URLs may resolve to private, loopback and link-local addresses */
  allowPrivate: boolean;
  /** the delivery worker looks for work now rather than at its next poll */
  wake(): void;
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** The chosen types once each, in the catalogue's order, as JSON. */
const typesInCatalogueOrder = (chosen: readonly EventType[]) => JSON.stringify(eventTypes.filter((t) => chosen.includes(t)));

/** The one rule of who manages webhooks. */
export function canManageWebhooks(actor: Actor): boolean {
  switch (actor.kind) {
    case 'backoffice_user':
      return actor.role === 'administrator';
    case 'integration':
      return actor.scopes.includes('webhooks:manage');
    case 'customer_user':
    case 'system':
      return false;
    default:
      return unreachable(actor);
  }
}

export function requireWebhookManager(ctx: Ctx) {
  if (!canManageWebhooks(ctx.actor)) throw new AppError('FORBIDDEN', 'Only an Administrator may manage webhooks.');
}

const endpointNotFound = () => new AppError('NOT_FOUND', 'No webhook endpoint with this id.');

export async function findEndpointOrFail(ctx: Ctx, id: number): Promise<EndpointRow> {
  requireWebhookManager(ctx);
  const row = await repo.findEndpoint(ctx.db, id);
  if (!row) throw endpointNotFound();
  return row;
}

export function presentEndpoint(row: EndpointRow, last: WebhookEndpoint['lastDelivery'] = null): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    active: row.active === 1,
    includeStaffOnly: row.include_staff_only === 1,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    lastDelivery: last,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The URL, once its host resolves to public addresses only (unless the operator allows private ones). */
async function checkedUrl(settings: WebhookSettings, url: string): Promise<string> {
  const check = await checkDestination(new URL(url), settings.allowPrivate);
  if (!check.ok) throw invalidFields({ url: check.reason });
  return url;
}

const insertEndpoint = defineCommand('webhooks.createEndpoint', (ctx, values: repo.EndpointValues) => repo.insertEndpoint(ctx.db, values));

const patchEndpoint = defineCommand(
  'webhooks.updateEndpoint',
  async (ctx, { id, values }: { id: number; values: Partial<repo.EndpointValues> }) => {
    const row = await repo.updateEndpoint(ctx.db, id, values);
    if (!row) throw endpointNotFound();
    return row;
  },
);

/** The current secret becomes the previous one (until `previousUntil`, or not at all), read in the write's own transaction. */
const rotate = defineCommand(
  'webhooks.rotateSecret',
  async (ctx, { id, secret, previousUntil, at }: { id: number; secret: string; previousUntil: string | null; at: string }) => {
    const current = await repo.findEndpoint(ctx.db, id);
    const row =
      current &&
      (await repo.updateEndpoint(ctx.db, id, {
        secret,
        previous_secret: previousUntil ? current.secret : null,
        previous_secret_until: previousUntil,
        updated_at: at,
      }));
    if (!row) throw endpointNotFound();
    return row;
  },
);

const removeEndpoint = defineCommand('webhooks.deleteEndpoint', async (ctx, { id }: { id: number }) => {
  if (!(await repo.deleteEndpoint(ctx.db, id))) throw endpointNotFound();
});

export async function listEndpoints(ctx: Ctx): Promise<{ items: WebhookEndpoint[] }> {
  requireWebhookManager(ctx);
  const [rows, last] = await Promise.all([repo.listEndpoints(ctx.db), deliveries.lastDeliveries(ctx.db)]);
  const lastOf = (endpointId: number): WebhookEndpoint['lastDelivery'] => {
    const delivery = last.deliveries.find((d) => d.endpoint_id === endpointId);
    if (!delivery) return null;
    const attempt = last.attempts.find((a) => a.delivery_id === delivery.id);
    return { state: delivery.state, status: attempt?.status ?? null, at: attempt?.attempted_at ?? null, eventType: delivery.event_type };
  };
  return { items: rows.map((row) => presentEndpoint(row, lastOf(row.id))) };
}

export async function getEndpoint(ctx: Ctx, id: number): Promise<WebhookEndpoint> {
  return presentEndpoint(await findEndpointOrFail(ctx, id));
}

export async function createEndpoint(
  ctx: Ctx,
  settings: WebhookSettings,
  input: z.output<typeof CreateWebhookBody>,
): Promise<WebhookEndpoint> {
  requireWebhookManager(ctx);
  const at = iso(settings.clock.now());
  const row = await ctx.write(insertEndpoint, {
    url: await checkedUrl(settings, input.url),
    description: input.description,
    event_types: typesInCatalogueOrder(input.eventTypes),
    active: input.active ? 1 : 0,
    include_staff_only: input.includeStaffOnly ? 1 : 0,
    secret: newSecret(),
    previous_secret: null,
    previous_secret_until: null,
    disabled_reason: null,
    disabled_at: null,
    created_at: at,
    updated_at: at,
  });
  return presentEndpoint(row);
}

export async function updateEndpoint(ctx: Ctx, settings: WebhookSettings, id: number, input: UpdateWebhookBody): Promise<WebhookEndpoint> {
  await findEndpointOrFail(ctx, id);
  const values: Partial<repo.EndpointValues> = { updated_at: iso(settings.clock.now()) };
  if (input.url !== undefined) values.url = await checkedUrl(settings, input.url);
  if (input.description !== undefined) values.description = input.description;
  if (input.eventTypes !== undefined) values.event_types = typesInCatalogueOrder(input.eventTypes);
  if (input.includeStaffOnly !== undefined) values.include_staff_only = input.includeStaffOnly ? 1 : 0;
  if (input.active !== undefined) {
    values.active = input.active ? 1 : 0;
    // switched on again: the reason it was disabled is history
    if (input.active) Object.assign(values, { disabled_reason: null, disabled_at: null });
  }
  const row = await ctx.write(patchEndpoint, { id, values });
  if (input.active) settings.wake();
  return presentEndpoint(row);
}

export async function deleteEndpoint(ctx: Ctx, id: number): Promise<void> {
  requireWebhookManager(ctx);
  await ctx.write(removeEndpoint, { id });
}

function presentSecret(row: EndpointRow, now: number): WebhookSecret {
  const until = row.previous_secret_until;
  return {
    secret: row.secret,
    previous: row.previous_secret && until && until > iso(now) ? { secret: row.previous_secret, until } : null,
  };
}

export async function getSecret(ctx: Ctx, settings: WebhookSettings, id: number): Promise<WebhookSecret> {
  return presentSecret(await findEndpointOrFail(ctx, id), settings.clock.now());
}

/**
 * A new secret; the current one keeps signing beside it for `overlapMinutes`
 * (both signatures on every delivery meanwhile), so that the integrator can
 * switch without losing a delivery. A rotation during an overlap ends the
 * older overlap: at most two secrets sign at once.
 */
export async function rotateSecret(
  ctx: Ctx,
  settings: WebhookSettings,
  id: number,
  { overlapMinutes }: z.output<typeof RotateSecretBody>,
): Promise<WebhookSecret> {
  await findEndpointOrFail(ctx, id);
  const now = settings.clock.now();
  const row = await ctx.write(rotate, {
    id,
    secret: newSecret(),
    previousUntil: overlapMinutes > 0 ? iso(now + overlapMinutes * 60_000) : null,
    at: iso(now),
  });
  return presentSecret(row, now);
}

export const endpointCommands = [insertEndpoint, patchEndpoint, rotate, removeEndpoint];
