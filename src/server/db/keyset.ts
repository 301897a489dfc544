import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';

/** A place in a list ordered by (time, id), ascending: the last row of a page. */
export interface Keyset {
  at: string;
  id: number;
}

const encodeKeyset = (key: Keyset) => Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');

/** The keyset of a cursor, or undefined when it is not one of ours. */
function decodeKeyset(cursor: string): Keyset | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) return { at: value[0], id: value[1] as number };
  } catch {
    // not JSON: not ours
  }
  return undefined;
}

/** Rows after `key` in (time, id) order: the next page's condition. */
const afterKeyset = (atColumn: string, idColumn: string, key: Keyset) =>
  sql<SqlBool>`(${sql.ref(atColumn)} > ${key.at} or (${sql.ref(atColumn)} = ${key.at} and ${sql.ref(idColumn)} > ${key.id}))`;

/**
 * A change-ordered list's window: rows changed at or after `updatedSince`,
 * after the cursor's row; undefined when the cursor is not ours (the client's mistake).
 */
export function changedWindow(
  atColumn: string,
  idColumn: string,
  input: { updatedSince?: string | undefined; cursor?: string | undefined },
): RawBuilder<SqlBool> | undefined {
  const conditions: RawBuilder<SqlBool>[] = [sql<SqlBool>`1 = 1`];
  if (input.updatedSince) conditions.push(sql<SqlBool>`${sql.ref(atColumn)} >= ${input.updatedSince}`);
  if (input.cursor) {
    const key = decodeKeyset(input.cursor);
    if (!key) return undefined;
    conditions.push(afterKeyset(atColumn, idColumn, key));
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** A page from `limit + 1` rows read in (time, id) order: the page, and the cursor of the next one (null on the last). */
export function keysetPage<T>(rows: T[], limit: number, keyOf: (row: T) => Keyset): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset(keyOf(last)) : null };
}

/**
 * Reading one table of the sync API by the store's ids: one row by
 * externalId, and pages in change order of the rows that have one. `query`
 * selects the rows (with `alias` as the table's name) and `present` shapes
 * each; the cursor is undefined in `page` when the client's is not ours.
 */
export function externalReader<D, TB extends keyof D, R extends { id: number; updated_at: string | null }, V>(
  alias: string,
  query: () => SelectQueryBuilder<D, TB, R>,
  present: (row: R) => V,
) {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return {
    async one(externalId: string): Promise<V | undefined> {
      const row = await query()
        .where(sql<SqlBool>`${column('external_id')} = ${externalId}`)
        .executeTakeFirst();
      return row && present(row as R);
    },
    async page(input: { updatedSince?: string | undefined; cursor?: string | undefined; limit: number }) {
      const window = changedWindow(`${alias}.updated_at`, `${alias}.id`, input);
      if (!window) return undefined;
      const rows = (await query()
        .where(sql<SqlBool>`${column('external_id')} is not null and ${window}`)
        .orderBy(column('updated_at'))
        .orderBy(column('id'))
        .limit(input.limit + 1)
        .execute()) as R[];
      const page = keysetPage(rows, input.limit, (r) => ({ at: r.updated_at ?? '', id: r.id }));
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  };
}
