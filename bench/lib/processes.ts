// Child processes of a bench run: the servers under test and the load
// generator, each its own process so that none shares an event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../options';
import type { LoadResult } from './http';

export interface Server {
  pid: number;
  port: number;
  base: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of each thread of a process so far, by thread id, from /proc (Linux). */
export function threadCpuSeconds(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // the process (or a thread) ended while being read: what was read stands
  }
  return threads;
}

/** CPU seconds so far of every PostgreSQL server process on this machine (backends, WAL writer, checkpointer…), from /proc (Linux). */
export function postgresCpuSeconds(): number | undefined {
  let total = 0;
  let found = false;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
      found = true;
    } catch {
      // the process ended while being read
    }
  }
  return found ? total : undefined;
}

/** The machine's CPU time so far, and how much of it the hypervisor gave to other guests (steal), from /proc/stat. */
export function machineCpu(): { total: number; steal: number } | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

async function waitUntilAnswering(base: string, probePath: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      await fetch(`${base}${probePath}`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`server did not answer in 120 s:\n${log()}`);
}

async function start(command: string, args: string[], env: NodeJS.ProcessEnv, probePath: string, logFile: string): Promise<Server> {
  const port = Number(env.PORT);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(base, probePath, child, () => fs.readFileSync(logFile, 'utf8').slice(-2000));
  return {
    pid: child.pid!,
    port,
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.closeSync(out);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Parley as `npm start` runs it: the production bundle, NODE_ENV=production, normal logging. */
/** What a benchmark that posts as the post comparison does needs: logs, the posters, 100 clients, how long. */
export interface PostingOptions {
  parleyLog: string;
  loadLog: string;
  /** the posters, as the post benchmark gets them */
  users: unknown[];
  connections: number;
  duration: number;
  warmup: number;
}

/** The post comparison's load (as `options` says: the posters, the clients, how long) against a running Parley. */
export const runPostLoad = (options: PostingOptions, parley: Server) =>
  runLoad<LoadResult>(
    {
      kind: 'post',
      base: parley.base,
      serverPid: parley.pid,
      connections: options.connections,
      duration: options.duration,
      warmup: options.warmup,
      users: options.users,
    },
    options.loadLog,
  );

export async function startParley(dataDir: string, logFile: string, env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const port = await freePort();
  return start(
    process.execPath,
    // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server under load
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), path.join(repoRoot, 'dist/server/main.mjs')],
    {
      NODE_ENV: 'production',
      PORT: String(port),
      PARLEY_DATA_DIR: dataDir,
      PARLEY_SEED: 'none',
      ...(process.env.PARLEY_WRITE_THREAD ? { PARLEY_WRITE_THREAD: process.env.PARLEY_WRITE_THREAD } : {}),
      // the load generator signs in hundreds of users from one address
      PARLEY_SIGNIN_PER_ADDRESS: '100000',
      // and each of them posts far faster than a person may
      PARLEY_MESSAGES_PER_MINUTE: '100000000',
      PARLEY_CONVERSATIONS_PER_HOUR: '100000000',
      ...env,
    },
    '/api/session',
    logFile,
  );
}

export async function startCeiling(dir: string, synchronous: 'NORMAL' | 'FULL', logFile: string): Promise<Server> {
  const port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  // node itself (not the tsx launcher, which forks), so that pid is the server's for CPU and memory
  return start(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bench/ceiling-server.ts'), '--dir', dir, '--synchronous', synchronous, '--port', String(port)],
    { PORT: String(port) },
    '/ready',
    logFile,
  );
}

/** An empty database named after `url`'s with `suffix`, on the same server (dropped first if it exists); answers its URL. */
export async function recreatePostgresDatabase(url: string, suffix: string): Promise<string> {
  const target = new URL(url);
  const name = `${target.pathname.slice(1)}_${suffix}`;
  if (!/^\w+$/.test(name)) throw new Error(`cannot derive a database name from ${url}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  target.pathname = `/${name}`;
  return target.toString();
}

/** The PostgreSQL ceiling: a bare route inserting into a freshly migrated database of its own. */
export async function startPostgresCeiling(databaseUrl: string, logFile: string): Promise<Server> {
  const port = await freePort();
  return start(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bench/ceiling-pg-server.ts'), '--database-url', databaseUrl, '--port', String(port)],
    { PORT: String(port) },
    '/ready',
    logFile,
  );
}

/** Runs the load generator in its own process; it prints one JSON result on its last line. */
export function runLoad<T>(spec: object, logFile: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(repoRoot, 'bench/load.ts'), JSON.stringify(spec)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => {
      fs.appendFileSync(logFile, `--- ${JSON.stringify(spec).slice(0, 300)}\n${stdout}${stderr}\n`);
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last) as T);
      } catch (error) {
        reject(new Error(`load generator failed (${(error as Error).message}):\n${stderr.slice(-2000)}`));
      }
    });
  });
}
