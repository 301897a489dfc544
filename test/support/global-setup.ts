// Runs once before the tests: finds out whether PostgreSQL and Redis answer.
// Where they are required (CI) and missing, the run fails here; elsewhere the
// suites that need them skip, and this prints why.
import type { TestProject } from 'vitest/node';
import net from 'node:net';
import { postgresAvailable, servicesRequired } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { ok: boolean; reason: string };
    redis: { ok: boolean; reason: string };
  }
}

export const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisAvailable(): Promise<{ ok: boolean; reason: string }> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379), timeout: 2000 });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(
        d.toString().startsWith('+PONG')
          ? { ok: true, reason: '' }
          : { ok: false, reason: `Redis at ${REDIS_URL} answered ${d.toString()}` },
      );
    });
    const fail = (why: string) => {
      socket.destroy();
      resolve({ ok: false, reason: `Redis at ${REDIS_URL} did not answer (${why})` });
    };
    socket.once('timeout', () => fail('timeout'));
    socket.once('error', (e) => fail(e.message));
  });
}

export default async function setup(project: TestProject) {
  const pg = await postgresAvailable();
  const redis = await redisAvailable();
  const postgres = pg.ok ? { ok: true, reason: '' } : { ok: false, reason: pg.reason };
  for (const [name, s] of [
    ['PostgreSQL', postgres],
    ['Redis', redis],
  ] as const) {
    if (s.ok) continue;
    if (servicesRequired) throw new Error(`${s.reason}. ${name} is required here (CI): failing instead of skipping.`);
    console.warn(`\n[parley] ${s.reason}: the tests that need ${name} are skipped.\n`);
  }
  project.provide('postgres', postgres);
  project.provide('redis', redis);
}
