// Bulk writers for the generator: SQLite through prepared statements in one
// transaction per flush, PostgreSQL through unnest() arrays (thousands of rows
// per statement, no driver for COPY needed).
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { tableNames, tables, type Cell, type Sink, type Table } from './tables';

function buffers() {
  const rows = Object.fromEntries(tableNames.map((t) => [t, [] as Cell[][]])) as Record<Table, Cell[][]>;
  let pending = 0;
  return {
    rows,
    add(table: Table, row: Cell[]) {
      rows[table].push(row);
      pending++;
    },
    get pending() {
      return pending;
    },
    take() {
      const taken = tableNames.map((t) => [t, rows[t].splice(0)] as const);
      pending = 0;
      return taken;
    },
  };
}

export function sqliteSink(sqlite: SQLite.Database): Sink {
  const b = buffers();
  const statements = Object.fromEntries(
    tableNames.map((t) => {
      const columns = Object.keys(tables[t]);
      return [t, sqlite.prepare(`insert into ${t} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`)];
    }),
  ) as Record<Table, SQLite.Statement>;
  const write = sqlite.transaction((taken: ReturnType<typeof b.take>) => {
    for (const [table, rows] of taken) for (const row of rows) statements[table].run(row);
  });
  return {
    add: b.add,
    get pending() {
      return b.pending;
    },
    flush: async () => write(b.take()),
  };
}

export function postgresSink(client: pg.ClientBase, rowsPerStatement = 20_000): Sink {
  const b = buffers();
  const insert = async (table: Table, rows: Cell[][]) => {
    const columns = Object.entries(tables[table]);
    const arrays = columns.map((_, c) => rows.map((row) => row[c] ?? null));
    const unnest = columns.map(([, type], c) => `$${c + 1}::${type === 'int' ? 'int' : 'text'}[]`).join(', ');
    await client.query(`insert into ${table} (${columns.map(([name]) => name).join(', ')}) select * from unnest(${unnest})`, arrays);
  };
  return {
    add: b.add,
    get pending() {
      return b.pending;
    },
    flush: async () => {
      const taken = b.take();
      await client.query('begin');
      try {
        for (const [table, rows] of taken) {
          for (let i = 0; i < rows.length; i += rowsPerStatement) await insert(table, rows.slice(i, i + rowsPerStatement));
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    },
  };
}
