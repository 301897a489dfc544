// The load generator: run by bench/run.ts as its own process with one JSON
// spec argument; prints one JSON result on its last line.
import { load, signIn, signInMany } from './lib/http';
import { runLive, type LiveSpec } from './lib/live';
import { runSoak, type SoakSpec } from './lib/soak';

const PASSWORD = 'parley-demo';

interface Common {
  base: string;
  /** the server's process id, to measure its CPU time per request */
  serverPid?: number;
  connections: number;
  duration: number;
  warmup: number;
}

export type LoadSpec =
  | (Common & { kind: 'post'; users: { email: string; conversationIds: number[] }[] })
  | (Common & { kind: 'get'; side: 'storefront' | 'backoffice'; email: string; path: string })
  | (Common & { kind: 'ceiling' })
  | ({ kind: 'live' } & LiveSpec)
  | ({ kind: 'soak' } & SoakSpec);

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const body = (text: string) => JSON.stringify({ body: text });
let n = 0;

async function main(): Promise<unknown> {
  switch (spec.kind) {
    case 'ceiling':
      return load(
        spec.base,
        spec.connections,
        spec.duration,
        spec.warmup,
        () => ({
          method: 'POST',
          path: '/messages',
          headers: { 'content-type': 'application/json' },
          body: body(`Ceiling message ${++n}: could you confirm the delivery date?`),
        }),
        spec.serverPid,
      );
    case 'post': {
      // every request is a random user of the pool posting in one of their conversations
      const sessions = await signInMany(
        spec.base,
        'storefront',
        spec.users.map((u) => u.email),
        PASSWORD,
      );
      const pool = sessions.map((s, i) => ({ ...s, conversationIds: spec.users[i]!.conversationIds }));
      return load(
        spec.base,
        spec.connections,
        spec.duration,
        spec.warmup,
        () => {
          const user = pool[Math.floor(Math.random() * pool.length)]!;
          const conversation = user.conversationIds[Math.floor(Math.random() * user.conversationIds.length)]!;
          return {
            method: 'POST',
            path: `/api/conversations/${conversation}/messages`,
            headers: { 'content-type': 'application/json', cookie: user.cookie, 'x-csrf-token': user.csrf },
            body: body(`Bench message ${++n}: could you confirm the delivery date?`),
          };
        },
        spec.serverPid,
      );
    }
    case 'get': {
      const session = await signIn(spec.base, spec.side, spec.email, PASSWORD);
      return load(
        spec.base,
        spec.connections,
        spec.duration,
        spec.warmup,
        () => ({
          method: 'GET',
          path: spec.path,
          headers: { cookie: session.cookie },
        }),
        spec.serverPid,
      );
    }
    case 'live':
      return runLive(spec, PASSWORD);
    case 'soak':
      return runSoak(spec, PASSWORD);
  }
}

main().then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
