import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { migrateToLatest } from '../db/migrations';
import { migrations } from '../modules';
import { writerForTests } from '../../../test/support/in-write';
import { precompiled, precompiledCount } from './precompiled';

describe('precompiled queries', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-precompiled-'));
    database = openDatabase({ dataDir: dir });
    await migrateToLatest(database, migrations);
    for (const name of ['Acme', 'Globex', 'Initech']) {
      await database.db.insertInto('customers').values({ name, parent_id: null, sales_rep_id: null, created_at: 'now' }).execute();
    }
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("binds each call's values into SQL built once, constants included", async () => {
    let builds = 0;
    const named = precompiled((db, name: string, limit: number) => {
      builds += 1;
      return db.selectFrom('customers').select('name').where('name', '=', name).where('parent_id', 'is', null).limit(limit);
    });
    expect(await named(database.db, 'Globex', 5)).toEqual([{ name: 'Globex' }]);
    expect(await named(database.db, 'Initech', 1)).toEqual([{ name: 'Initech' }]);
    expect(await named(database.db, 'Nobody', 1)).toEqual([]);
    expect(builds).toBe(1);
  });

  it("gives an insert's new id and an update's row count, in the writer's transaction and outside it", async () => {
    const add = precompiled((db, name: string) =>
      db.insertInto('customers').values({ name, parent_id: null, sales_rep_id: null, created_at: 'now' }).returning('id'),
    );
    const rename = precompiledCount((db, from: string, to: string) =>
      db.updateTable('customers').set({ name: to }).where('name', '=', from),
    );
    const idOf = async (name: string) =>
      (await database.db.selectFrom('customers').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

    // outside: through Kysely, RETURNING and all
    const [outside] = await add(database.db, 'Umbrella');
    expect(outside).toEqual({ id: await idOf('Umbrella') });
    expect(await rename(database.db, 'Umbrella', 'Umbrella Corp')).toBe(1);

    // inside the writer's transaction: straight to the connection, the id from it
    const inside = await writerForTests(database).run(async ({ db: trx }) => {
      const [first] = await add(trx, 'Hooli');
      const [second] = await add(trx, 'Vandelay');
      return { first, second, renamed: await rename(trx, 'Hooli', 'Hooli XYZ'), none: await rename(trx, 'Nobody', 'Still nobody') };
    });
    expect(inside.first).toEqual({ id: await idOf('Hooli XYZ') });
    expect(inside.second).toEqual({ id: await idOf('Vandelay') });
    expect(inside.second!.id).toBe(inside.first!.id + 1);
    expect(inside.renamed).toBe(1);
    expect(inside.none).toBe(0);
  });

  it('refuses an argument that does not end up as a parameter, and one left unused', async () => {
    const asIdentifier = precompiled((db, column: string) => db.selectFrom('customers').select(sql.ref(column).as('x')));
    await expect(asIdentifier(database.db, 'name')).rejects.toThrow(/not a parameter/);
    const unused = precompiled((db, _ignored: number) => db.selectFrom('customers').select('name'));
    await expect(unused(database.db, 1)).rejects.toThrow(/unused/);
  });
});
