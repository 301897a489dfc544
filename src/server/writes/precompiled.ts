import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { prepareOnPostgres, rawSqlite } from '../db/database';

const MARK = '\u0000parley-arg:';

interface Template {
  sql: string;
  /** for each parameter: the index of the argument it takes, or a constant */
  slots: (number | { constant: unknown })[];
  /** an INSERT returning only `id`: the same without RETURNING */
  insertWithoutReturning?: string;
}

/** `returning "id"` at the end of an INSERT: on the writer's SQLite connection the new id is read from the connection instead */
const RETURNING_ID = ' returning "id"';

function templateOf(compiled: { sql: string; parameters: readonly unknown[] }, argCount: number): Template {
  if (compiled.sql.includes(MARK)) throw new Error(`precompiled: an argument is not a parameter in ${compiled.sql}`);
  const slots = compiled.parameters.map((p) =>
    typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : { constant: p },
  );
  const used = new Set(slots.filter((s): s is number => typeof s === 'number'));
  if (used.size !== argCount) throw new Error(`precompiled: ${argCount - used.size} argument(s) unused in ${compiled.sql}`);
  const returnsId = compiled.sql.startsWith('insert into ') && compiled.sql.endsWith(RETURNING_ID);
  return { sql: compiled.sql, slots, ...(returnsId ? { insertWithoutReturning: compiled.sql.slice(0, -RETURNING_ID.length) } : {}) };
}

/** The template of `build` for `db`'s dialect, built on first use, and the call's parameters. */
function prepared<A extends unknown[]>(
  templates: WeakMap<object, Template>,
  build: (db: Kysely<DB>, ...args: A) => Compilable<unknown>,
  db: Kysely<DB>,
  args: A,
) {
  // per dialect (a transaction shares its database's adapter)
  const adapter = db.getExecutor().adapter;
  let template = templates.get(adapter);
  if (!template) {
    template = templateOf(build(db, ...(args.map((_, i) => `${MARK}${i}`) as A)).compile(), args.length);
    templates.set(adapter, template);
    prepareOnPostgres(template.sql);
  }
  return { template, parameters: template.slots.map((s) => (typeof s === 'number' ? args[s] : s.constant)) };
}

/**
 * A hot-path query built once. Building and compiling a query with Kysely
 * costs more than SQLite takes to run a short statement, so the query is
 * compiled on first use with marker arguments; later calls only bind their
 * values into the same SQL. The query's shape must not depend on the values
 * (write one precompiled query per shape); an argument that lands anywhere but
 * in a parameter is refused at first use.
 *
 * An INSERT that returns only `id` runs without its RETURNING clause inside the
 * writer's SQLite transaction, and the id comes from the connection: SQLite
 * carries out RETURNING through a temporary table of its own, which cost 16 %
 * of a post's instructions (callgrind) across the post's three statements.
 */
export function precompiled<A extends unknown[], R>(build: (db: Kysely<DB>, ...args: A) => Compilable<R>) {
  const templates = new WeakMap<object, Template>();
  return async (db: Kysely<DB>, ...args: A): Promise<R[]> => {
    const { template, parameters } = prepared(templates, build, db, args);
    const raw = rawSqlite(db);
    if (raw) {
      // in the writer's transaction: straight to the connection, as Kysely's driver would
      if (template.insertWithoutReturning) {
        const { lastInsertRowid } = raw.prepare(template.insertWithoutReturning).run(parameters);
        return [{ id: Number(lastInsertRowid) } as R];
      }
      const statement = raw.prepare(template.sql);
      if (statement.reader) return statement.all(parameters) as R[];
      statement.run(parameters);
      return [];
    }
    return (await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters))).rows;
  };
}

/** A precompiled UPDATE or DELETE that answers how many rows it changed (without RETURNING, for the same reason). */
export function precompiledCount<A extends unknown[]>(build: (db: Kysely<DB>, ...args: A) => Compilable<unknown>) {
  const templates = new WeakMap<object, Template>();
  return async (db: Kysely<DB>, ...args: A): Promise<number> => {
    const { template, parameters } = prepared(templates, build, db, args);
    const raw = rawSqlite(db);
    if (raw) return raw.prepare(template.sql).run(parameters).changes;
    return Number((await db.executeQuery(CompiledQuery.raw(template.sql, parameters))).numAffectedRows ?? 0);
  };
}
