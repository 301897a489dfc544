import { Migrator, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { Database, Dialect } from './database';

/** One module's share of a migration. */
export type MigrationStep = (db: Kysely<unknown>, dialect: Dialect) => Promise<void>;

/** A module's migrations by name ("001_initial"); the app lists the modules (see modules.ts). */
export type ModuleMigrations = Readonly<Record<string, MigrationStep>>;

/**
 * Every module's migrations as one list. Migrations run in name order; the
 * steps that share a name run as one migration, in the order the modules are
 * given (a module after those its tables refer to). So each module owns its
 * tables' migrations, and a database made before the tables were split among
 * the modules ("001_initial" once created them all) sees the same names.
 */
export function collectMigrations(dialect: Dialect, modules: readonly ModuleMigrations[]): Record<string, Migration> {
  const byName = new Map<string, MigrationStep[]>();
  for (const migrations of modules) {
    for (const [name, step] of Object.entries(migrations)) byName.set(name, [...(byName.get(name) ?? []), step]);
  }
  return Object.fromEntries(
    [...byName].map(([name, steps]) => [
      name,
      {
        up: async (db: Kysely<unknown>) => {
          for (const step of steps) await step(db, dialect);
        },
      },
    ]),
  );
}

export async function migrateToLatest(database: Database, modules: readonly ModuleMigrations[]): Promise<void> {
  const migrations = collectMigrations(database.dialect, modules);
  // each module's migrations touch its own tables, and modules land in any
  // order: a database that ran 014 may still lack a 013 that landed later
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

/** A table's integer primary key: the one column that differs between the two databases. */
export function withId<T extends string>(dialect: Dialect, table: CreateTableBuilder<T, never>) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
