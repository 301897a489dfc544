// An event whose payload does not match the catalogue is refused where it is
// emitted, naming its type and field; a matching one is stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/events';
import { openDatabase, type Database } from '../db/database';
import { migrateToLatest } from '../db/migrations';
import { migrations } from '../modules';
import { recordEvent } from './store';
import { loadEventsAfter } from './events.repo';

describe('emitting an event', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-store-'));
    database = openDatabase({ dataDir: dir });
    await migrateToLatest(database, migrations);
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const scope = { conversationId: 7, customerId: 1, customerUserId: 2 };

  it('refuses a payload that does not match its schema, naming the type and the field, and stores nothing', async () => {
    // what records.service.ts once emitted for conversation.updated
    const stale = { type: 'conversation.updated', ...scope, payload: { conversationId: 7, source: null } } as unknown as DomainEvent;
    await expect(database.db.transaction().execute((trx) => recordEvent(trx, 'sqlite', stale, 0))).rejects.toThrow(
      /^event conversation\.updated: payload\.name: /,
    );
    expect(await loadEventsAfter(database.db, { afterId: 0, limit: 10 })).toEqual([]);
  });

  it('stores a matching one with an id and a time', async () => {
    const event: DomainEvent = {
      type: 'conversation.updated',
      ...scope,
      payload: { conversationId: 7, name: 'Renamed', ownerId: null, source: null },
    };
    const stored = await database.db.transaction().execute((trx) => recordEvent(trx, 'sqlite', event, 0));
    expect(stored).toMatchObject({ ...event, id: expect.any(Number) as number });
    expect(await loadEventsAfter(database.db, { afterId: 0, limit: 10 })).toEqual([stored]);
  });
});
