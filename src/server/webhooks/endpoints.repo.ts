import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { EndpointRow, WebhookEndpointTable } from './webhooks.table';

export const findEndpoint = (db: Kysely<DB>, id: number) =>
  db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();

export const listEndpoints = (db: Kysely<DB>) => db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();

/** The endpoints events fan out to. */
export const activeEndpoints = (db: Kysely<DB>) =>
  db.selectFrom('webhook_endpoints').selectAll().where('active', '=', 1).orderBy('id').execute();

export type EndpointValues = Omit<WebhookEndpointTable, 'id'>;

export const insertEndpoint = (db: Kysely<DB>, values: EndpointValues) =>
  db.insertInto('webhook_endpoints').values(values).returningAll().executeTakeFirstOrThrow();

export const updateEndpoint = (db: Kysely<DB>, id: number, values: Partial<EndpointValues>): Promise<EndpointRow | undefined> =>
  db.updateTable('webhook_endpoints').set(values).where('id', '=', id).returningAll().executeTakeFirst();

export async function deleteEndpoint(db: Kysely<DB>, id: number): Promise<boolean> {
  await db.deleteFrom('webhook_attempts').where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  const gone = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(gone.numDeletedRows) === 1;
}
