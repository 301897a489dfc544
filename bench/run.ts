// npm run bench -- [--size small|large] [--only post,list-buyer,list-admin,grid,thread,search,search-cost,live,bulk,webhooks,notifications,attachments,soak] [--duration S] [--rounds N]
// Starts Parley as `npm start` does, on a fresh copy of the bench database,
// drives it from a separate load-generator process, and prints one table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, DATABASE_FILES, parseOptions } from './options';
import type { Manifest } from './data/plan';
import type { LoadResult } from './lib/http';
import type { LiveResult } from './lib/live';
import {
  recreatePostgresDatabase,
  runLoad,
  startCeiling,
  startParley,
  startPostgresCeiling,
  type PostingOptions,
  type Server,
} from './lib/processes';
import { medianOf, renderTable, verdicts, type Figures } from './lib/report';
import { runBulk } from './lib/bulk';
import { runWebhooksBenchmark } from './lib/webhooks';
import { runAttachmentsBenchmark } from './lib/attachments';
import { runNotificationsBenchmark } from './lib/notifications';
import { runSearchCostBenchmark } from './lib/search-cost';
import type { SoakResult } from './lib/soak';

const options = parseOptions(process.argv.slice(2));
/** PARLEY_NOTIFY_DELAY_S's default in the product (src/server/config.ts) */
const PRODUCT_NOTIFY_DELAY_S = 120;
const manifestFile = path.join(options.dataDir, 'manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.error(`No bench data in ${options.dataDir}: run \`npm run bench:data -- --size ${options.size}\` first.`);
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest & { dialect: 'sqlite' | 'postgres' };
if ((manifest.dialect === 'postgres') !== Boolean(process.env.DATABASE_URL?.startsWith('postgres'))) {
  console.error(`The bench data in ${options.dataDir} is on ${manifest.dialect}; set DATABASE_URL accordingly.`);
  process.exit(1);
}

const benchmarks = [
  'post',
  'list-buyer',
  'list-admin',
  'grid',
  'thread',
  'search',
  'live',
  'bulk',
  'webhooks',
  'notifications',
  'search-cost',
  'attachments',
  'soak',
] as const;
// the soak only when asked for by name: it runs for ten minutes
const selected = benchmarks.filter((b) => (options.only ? options.only.includes(b) : b !== 'soak'));
// the soak alone: 600 s unless --duration says otherwise
const soakOnly = selected.length === 1 && selected[0] === 'soak';
const duration = soakOnly && !options.durationGiven ? 600 : options.duration;
const warmup = Math.min(3, Math.max(1, Math.round(duration / 5)));
// one client: the cost of a page load, not of queueing behind others on a busy 2-core machine
const READ_CONNECTIONS = 1;
const POST_CONNECTIONS = 100;
const logDir = path.join(options.dataDir, 'logs');
fs.mkdirSync(logDir, { recursive: true });
const loadLog = path.join(logDir, 'load.log');
fs.writeFileSync(loadLog, '');
const figures: Figures = {};
const step = (text: string) => console.error(`… ${text}`);

// A fresh copy of the bench database for each server, so that posted messages do not pile up.
const freshCopy = () => {
  if (manifest.dialect !== 'sqlite') return options.dataDir;
  const runDir = path.join(options.dataDir, 'run');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  // the database, and its search index's file (search/search.file.ts: without it the server would index everything again)
  for (const file of DATABASE_FILES)
    if (fs.existsSync(path.join(options.dataDir, file))) fs.copyFileSync(path.join(options.dataDir, file), path.join(runDir, file));
  return runDir;
};
const parleyLog = path.join(logDir, 'parley.log');
fs.writeFileSync(parleyLog, '');

// The post comparison: the two ceilings (a bare route, each on its own fresh
// database) and Parley's post path, one after the other in each round, never
// two servers at once. Two shared cores make one 10 s figure move by 20 % from
// run to run; the median of the rounds is what is reported, with every round.
if (selected.includes('post')) {
  const rounds: Record<'ceilingNormal' | 'ceilingFull' | 'ceilingPostgres' | 'post', LoadResult[]> = {
    ceilingNormal: [],
    ceilingFull: [],
    ceilingPostgres: [],
    post: [],
  };
  for (let round = 1; round <= options.rounds; round++) {
    if (manifest.dialect === 'postgres') {
      step(`round ${round}: PostgreSQL ceiling`);
      // a database of its own beside the bench data's, made anew each round
      const ceilingUrl = await recreatePostgresDatabase(process.env.DATABASE_URL!, 'ceiling');
      const server = await startPostgresCeiling(ceilingUrl, path.join(logDir, 'ceiling-postgres.log'));
      try {
        rounds.ceilingPostgres.push(
          await runLoad<LoadResult>(
            { kind: 'ceiling', base: server.base, serverPid: server.pid, connections: POST_CONNECTIONS, duration, warmup },
            loadLog,
          ),
        );
      } finally {
        await server.stop();
      }
    }
    if (manifest.dialect === 'sqlite') {
      for (const synchronous of ['NORMAL', 'FULL'] as const) {
        step(`round ${round}: ceiling, synchronous=${synchronous}`);
        const server = await startCeiling(
          path.join(options.dataDir, `ceiling-${synchronous.toLowerCase()}`),
          synchronous,
          path.join(logDir, `ceiling-${synchronous}.log`),
        );
        try {
          rounds[synchronous === 'NORMAL' ? 'ceilingNormal' : 'ceilingFull'].push(
            await runLoad<LoadResult>(
              { kind: 'ceiling', base: server.base, serverPid: server.pid, connections: POST_CONNECTIONS, duration, warmup },
              loadLog,
            ),
          );
        } finally {
          await server.stop();
        }
      }
    }
    step(`round ${round}: post`);
    const parley = await startParley(freshCopy(), parleyLog);
    try {
      const users = manifest.posters.slice(0, 200);
      rounds.post.push(
        await runLoad<LoadResult>(
          { kind: 'post', base: parley.base, serverPid: parley.pid, connections: POST_CONNECTIONS, duration, warmup, users },
          loadLog,
        ),
      );
    } finally {
      await parley.stop();
    }
  }
  for (const [name, results] of Object.entries(rounds)) if (results.length > 0) figures[name] = medianOf(results);
}

// what the benchmarks that post as the post comparison does share
const posting: PostingOptions = {
  parleyLog,
  loadLog,
  users: manifest.posters.slice(0, 200),
  connections: POST_CONNECTIONS,
  duration,
  warmup,
};

// webhook deliveries beside the posts that make them, on a fresh copy of its own
if (selected.includes('webhooks')) {
  step('webhooks');
  figures.webhooks = await runWebhooksBenchmark({ ...posting, dataDir: freshCopy() });
}

// the post path with notifications off and on, alternating, and the mails a second they send
// (the product's 2-minute delay unless --notify-delay says otherwise; the run outlasts it, so the mails go out while posting)
if (selected.includes('notifications')) {
  const delayS = options.notifyDelayS ?? PRODUCT_NOTIFY_DELAY_S;
  figures.notifications = await runNotificationsBenchmark({
    ...posting,
    duration: options.durationGiven ? duration : Math.max(duration, delayS + 30),
    freshCopy,
    rounds: options.rounds,
    median: medianOf,
    delayS,
  });
}

// the post path with the search index kept and without its upkeep, alternating
if (selected.includes('search-cost')) {
  figures['search-cost'] = await runSearchCostBenchmark({
    ...posting,
    dialect: manifest.dialect,
    freshCopy,
    rounds: options.rounds,
    median: medianOf,
  });
}

// upload and download speed beside the raw disk's, and memory under ten large uploads at once
if (selected.includes('attachments')) {
  step('attachments');
  figures.attachments = await runAttachmentsBenchmark({ dataDir: freshCopy(), parleyLog, fileMb: options.attachmentMb ?? 25 });
}

// the soak, on a fresh copy of its own: 600 s unless --duration says otherwise
if (selected.includes('soak')) {
  const soakDuration = options.durationGiven ? options.duration : 600;
  step(`soak, ${soakDuration} s`);
  // --notify-delay: the notification sender's rounds that often instead of every 2 minutes
  const parley = await startParley(
    freshCopy(),
    parleyLog,
    options.notifyDelayS === undefined ? {} : { PARLEY_NOTIFY_DELAY_S: String(options.notifyDelayS) },
  );
  try {
    figures.soak = await runLoad<SoakResult>(
      {
        kind: 'soak',
        base: parley.base,
        serverPid: parley.pid,
        users: manifest.posters.slice(0, 100),
        connections: 8,
        sockets: 50,
        churnMs: 200,
        // until the notification sender's first round has run: its delay, and 30 s
        warmup: (options.notifyDelayS ?? PRODUCT_NOTIFY_DELAY_S) + 30,
        duration: soakDuration,
      },
      loadLog,
    );
  } finally {
    await parley.stop();
  }
}

const alone = ['post', 'webhooks', 'notifications', 'search-cost', 'attachments', 'soak'] as const;
const rest = selected.filter((name) => !(alone as readonly string[]).includes(name));
if (rest.length > 0) {
  step('starting Parley');
  const parley: Server = await startParley(freshCopy(), parleyLog);
  try {
    const get = (name: string, side: 'storefront' | 'backoffice', email: string, url: string) => async () => {
      step(name);
      figures[name] = await runLoad<LoadResult>(
        { kind: 'get', base: parley.base, serverPid: parley.pid, connections: READ_CONNECTIONS, duration, warmup, side, email, path: url },
        loadLog,
      );
    };
    const runs: Record<Exclude<(typeof benchmarks)[number], (typeof alone)[number]>, () => Promise<void>> = {
      'list-buyer': get('list-buyer', 'storefront', 'amanda@acme.example', '/api/conversations?limit=25'),
      'list-admin': get('list-admin', 'storefront', 'marlene@acme.example', '/api/conversations?limit=25'),
      grid: get(
        'grid',
        'backoffice',
        'john@parley.example',
        '/admin/api/conversations?status=active&sort=lastMessageAt&order=desc&page=1&pageSize=25',
      ),
      thread: get(
        'thread',
        'storefront',
        'amanda@acme.example',
        `/api/conversations/${manifest.heavyConversationId}/messages?before=2500&limit=40`,
      ),
      // a two-word query of words in about one message in six (bench/data/words.ts), each side
      search: async () => {
        const q = 'q=delivery%20date&limit=20';
        await get('search-buyer', 'storefront', 'amanda@acme.example', `/api/search?${q}`)();
        await get('search-admin', 'storefront', 'marlene@acme.example', `/api/search?${q}`)();
        await get('search-backoffice', 'backoffice', 'john@parley.example', `/admin/api/search?${q}`)();
      },
      live: async () => {
        step('live');
        figures.live = await runLoad<LiveResult>(
          {
            kind: 'live',
            base: parley.base,
            serverPid: parley.pid,
            sockets: 5000,
            users: manifest.posters.slice(0, 500),
            poster: 'john@parley.example',
            intervalMs: 10,
            warmup,
            duration,
          },
          loadLog,
        );
      },
      bulk: async () => {
        step('bulk import, 10,000 NDJSON lines');
        figures.bulk = await runBulk(parley.base, 'john@parley.example', 'parley-demo');
      },
    };
    // reads first, on the data as generated; the bulk import last, since it adds rows
    for (const name of ['list-buyer', 'list-admin', 'grid', 'thread', 'search', 'live', 'bulk'] as const) {
      if (rest.includes(name)) await runs[name]();
    }
  } finally {
    await parley.stop();
  }
}

const resultsDir = path.join(benchDir, 'results');
fs.mkdirSync(resultsDir, { recursive: true });
// PostgreSQL figures are kept apart from SQLite's
const resultsName = (size: string) => `${size}${manifest.dialect === 'postgres' ? '-postgres' : ''}.json`;
const smallFile = path.join(resultsDir, resultsName('small'));
const small =
  options.size === 'large' && fs.existsSync(smallFile)
    ? (JSON.parse(fs.readFileSync(smallFile, 'utf8')) as { figures: Figures }).figures
    : undefined;
const rows = verdicts(figures, small);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${manifest.dialect}`;
const table = renderTable(rows);
console.log(
  `\nParley bench, ${options.size} (${manifest.counts.conversations} conversations, ${manifest.counts.messages} messages), ${duration} s per figure${selected.includes('post') ? `, post comparison: median of ${options.rounds} rounds` : ''}\n${machine}\n\n${table}`,
);

// keep earlier figures of benchmarks not run this time; the soak's apart (its duration is its own)
const { soak, ...measured } = figures;
const keep = (name: string, kept: Figures) => {
  const file = path.join(resultsDir, name);
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { figures: Figures }).figures : {};
  fs.writeFileSync(
    file,
    `${JSON.stringify({ ranAt: new Date().toISOString(), machine, duration, figures: { ...previous, ...kept }, table }, null, 2)}\n`,
  );
};
if (Object.keys(measured).length > 0) keep(resultsName(options.size), measured);
if (soak) keep(resultsName(`soak-${options.size}`), { soak });
