// Servers of a test's own, to stop and start under load without disturbing
// any other test: a PostgreSQL cluster (initdb under a temporary folder, run
// as the postgres user when the tests run as root, which initdb refuses) and
// a Redis server, each on a free port. Where the binaries are missing the
// chaos tests skip, except where services are required (CI), where they fail.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server';
import { servicesRequired } from './databases';

const PG_BIN = process.env.PARLEY_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why the chaos tests cannot run here (undefined: they can); in CI a reason fails the run instead. */
export function chaosUnavailable(what: 'postgres' | 'redis'): string | undefined {
  const missing =
    what === 'postgres'
      ? fs.existsSync(path.join(PG_BIN, 'initdb'))
        ? undefined
        : `no PostgreSQL binaries at ${PG_BIN}`
      : (() => {
          try {
            execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
            return undefined;
          } catch {
            return 'no redis-server on PATH';
          }
        })();
  if (missing && servicesRequired) throw new Error(`chaos tests are required here, but ${missing}`);
  return missing;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function pgTool(tool: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [command, all] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, tool), ...args]] : [path.join(PG_BIN, tool), args];
  execFileSync(command, all, { stdio: 'ignore' });
}

export interface OwnServer {
  url: string;
  stop(): void;
  start(): void | Promise<void>;
  destroy(): void;
}

export async function startOwnPostgres(): Promise<OwnServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-chaos-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  const data = path.join(dir, 'data');
  pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => pgTool('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const stop = () => pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  pgTool('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'parley']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/parley`,
    stop,
    start,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startOwnRedis(): Promise<OwnServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error('redis-server did not start');
  };
  const stop = () => {
    child?.kill('SIGKILL');
    child = undefined;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start, destroy: stop };
}
