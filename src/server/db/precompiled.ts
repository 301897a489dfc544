import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { DB } from './schema';
import { rawSqlite } from './database';

const MARK = '\u0000parley-arg:';

interface Template {
  sql: string;
  /** for each parameter: the index of the argument it takes, or a constant */
  slots: (number | { constant: unknown })[];
}

/**
 * A hot-path query built once. Building and compiling a query with Kysely
 * costs more than SQLite takes to run a short statement, so the query is
 * compiled on first use with marker arguments; later calls only bind their
 * values into the same SQL. The query's shape must not depend on the values
 * (write one precompiled query per shape); an argument that lands anywhere but
 * in a parameter is refused at first use.
 */
export function precompiled<A extends unknown[], R>(build: (db: Kysely<DB>, ...args: A) => Compilable<R>) {
  // per dialect (a transaction shares its database's adapter)
  const templates = new WeakMap<object, Template>();
  return async (db: Kysely<DB>, ...args: A): Promise<R[]> => {
    const adapter = db.getExecutor().adapter;
    let template = templates.get(adapter);
    if (!template) {
      const compiled = build(db, ...(args.map((_, i) => `${MARK}${i}`) as A)).compile();
      if (compiled.sql.includes(MARK)) throw new Error(`precompiled: an argument is not a parameter in ${compiled.sql}`);
      const slots = compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : { constant: p },
      );
      const used = new Set(slots.filter((s): s is number => typeof s === 'number'));
      if (used.size !== args.length) throw new Error(`precompiled: ${args.length - used.size} argument(s) unused in ${compiled.sql}`);
      template = { sql: compiled.sql, slots };
      templates.set(adapter, template);
    }
    const parameters = template.slots.map((s) => (typeof s === 'number' ? args[s] : s.constant));
    const raw = rawSqlite(db);
    if (raw) {
      // in the writer's transaction: straight to the connection, as Kysely's driver would
      const statement = raw.prepare(template.sql);
      if (statement.reader) return statement.all(parameters) as R[];
      statement.run(parameters);
      return [];
    }
    return (await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters))).rows;
  };
}
