import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Dialect } from './database';

/** Case-insensitive "contains", the same on both databases. */
export function containsText(dialect: Dialect, column: string, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return <DB, TB extends keyof DB>(_eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> =>
    dialect === 'postgres'
      ? sql<SqlBool>`${sql.ref(column)} ilike ${pattern} escape '\\'`
      : sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
