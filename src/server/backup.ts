// `npm run backup -- <file>`: an online, consistent copy of the SQLite
// database while the server runs (SQLite's backup API, through
// better-sqlite3), checked before it is kept; then the attachments kept on
// the disk, beside it as `<file>.attachments/`. PostgreSQL has pg_dump, S3
// its own versioning.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from './config';
import { sqliteFile } from './db/database';

/** every page in one step: the copy is one snapshot, however busy the writers (WAL readers do not block them) */
const ALL_PAGES = 0x7fffffff;

export async function backupSqlite(source: string, target: string): Promise<{ pages: number; messages: number }> {
  if (fs.existsSync(target)) throw new Error(`${target} exists already; name a new file.`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new SQLite(partial);
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
      const { n } = copy.prepare('select count(*) as n from messages').get() as { n: number };
      copy.pragma('journal_mode = DELETE');
      fs.renameSync(partial, target);
      return { pages: totalPages, messages: n };
    } finally {
      copy.close();
    }
  } finally {
    db.close();
    fs.rmSync(partial, { force: true });
  }
}

/**
 * The attachments directory, copied after the database: a file is written
 * before any row names it, so every file the copy names is there (a later
 * upload comes along too, unnamed, and is removed as unused after a day).
 */
export function backupAttachments(dataDir: string, target: string): { files: number; to: string } | null {
  const from = path.join(dataDir, 'attachments');
  if (!fs.existsSync(from)) return null;
  const to = `${target}.attachments`;
  fs.cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
  const files = fs.readdirSync(to, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  return { files, to };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const target = process.argv[2];
  const config = loadConfig();
  const source = sqliteFile(config);
  if (!target) {
    console.error('Usage: npm run backup -- <file>   (a new file; the database is the one PARLEY_DATA_DIR or DATABASE_URL names)');
    process.exit(2);
  }
  if (!source) {
    console.error('DATABASE_URL names PostgreSQL: back it up with pg_dump (see README, Operations > Backup).');
    process.exit(2);
  }
  backupSqlite(source, path.resolve(target)).then(
    ({ pages, messages }) => {
      console.log(`Backed up ${source} to ${path.resolve(target)}: ${pages} pages, ${messages} messages, integrity ok.`);
      const files = config.attachments.s3Url ? null : backupAttachments(config.dataDir, path.resolve(target));
      if (files) console.log(`Copied ${files.files} attachment files to ${files.to}.`);
    },
    (error: unknown) => {
      console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
