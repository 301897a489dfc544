// Command-line options shared by bench:data and bench.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Size = 'small' | 'large';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(benchDir, '..');

export interface Options {
  size: Size;
  only: string[] | undefined;
  duration: number;
  /** whether --duration was given (the soak's default is 600 s, not 10) */
  durationGiven: boolean;
  /** rounds of the post comparison (ceilings and Parley alternate; medians are reported) */
  rounds: number;
  dataDir: string;
  /** the attachments benchmark's file size in MB (25 by default) */
  attachmentMb: number | undefined;
  /** PARLEY_NOTIFY_DELAY_S for the notifications benchmark (the product's 120 by default; its run then lasts 150 s unless --duration says otherwise) and the soak (only when given) */
  notifyDelayS: number | undefined;
}

export function parseOptions(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    const found = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
    return found;
  };
  const size = value('--size') ?? 'small';
  if (size !== 'small' && size !== 'large') throw new Error(`--size must be small or large, not ${size}`);
  const durationGiven = value('--duration') !== undefined;
  const duration = Number(value('--duration') ?? 10);
  if (!(duration > 0)) throw new Error('--duration must be a number of seconds');
  const rounds = Number(value('--rounds') ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number from 1');
  const only = value('--only')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const dataDir = path.resolve(value('--data-dir') ?? path.join(repoRoot, '.bench-data', size));
  // the attachments benchmark's file size (25 MB, the default limit; smaller for a quick check)
  const attachmentMb = value('--attachment-mb') ? Number(value('--attachment-mb')) : undefined;
  const notifyDelayS = value('--notify-delay') ? Number(value('--notify-delay')) : undefined;
  if (notifyDelayS !== undefined && !(notifyDelayS >= 0)) throw new Error('--notify-delay must be a number of seconds');
  return { size, only, duration, durationGiven, rounds, dataDir, attachmentMb, notifyDelayS };
}

export const scaleOf = (size: Size) => (size === 'large' ? 1 : 0.1);

/** A flag's value from this process's arguments (`--port 3000`), for the bench's own servers; missing is an error. */
/** SQLite's files in a data folder: the database and its search index's (src/server/search/search.file.ts). */
export const DATABASE_FILES = ['parley.db', 'parley-search.db'] as const;

/** Removes the SQLite files of a data folder, with their WAL and shared memory. */
export function removeDatabaseFiles(dir: string) {
  for (const file of DATABASE_FILES)
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, `${file}${suffix}`), { force: true });
}

export function requiredArg(flag: string): string {
  const i = process.argv.indexOf(flag);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (!value) throw new Error(`missing ${flag}`);
  return value;
}
