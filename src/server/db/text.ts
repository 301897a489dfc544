import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Dialect } from './database';

/** `%text%` with the pattern's own characters (`%`, `_`, `\`) escaped, so that they match themselves. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-insensitive "contains", the same on both databases, on a column or any text expression. */
export function containsText(dialect: Dialect, target: string | Expression<string>, text: string) {
  const pattern = containsPattern(text);
  const value = typeof target === 'string' ? sql.ref(target) : target;
  return <DB, TB extends keyof DB>(_eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> =>
    dialect === 'postgres' ? sql<SqlBool>`${value} ilike ${pattern} escape '\\'` : sql<SqlBool>`${value} like ${pattern} escape '\\'`;
}
