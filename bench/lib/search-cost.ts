// What keeping the search index costs the post path (issue 15: at most 10 %):
// the post comparison's load (100 clients, 200 buyers) on the data as it is,
// and on the same data without the index's upkeep, alternating round by
// round. Without: on SQLite a fresh copy whose full-text triggers are
// dropped and whose index counts as caught up for good (messages,
// conversations and attachments then write no FTS5 rows, and the batch
// indexer finds nothing to do); on PostgreSQL the three GIN indexes and the
// messages' stored vector dropped for the round and made again after it.
// The figures: the median round of each. On SQLite the indexer's lag is
// sampled through the rounds with the index: how old the oldest message not
// yet indexed is (at most 1 s).
import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import { pgUpkeep } from '../../src/server/search/search.migrations';
import { roundRates, type LoadResult } from './http';
import { runPostLoad, startParley, type PostingOptions } from './processes';

export interface SearchCostResult {
  kind: 'search-cost';
  dialect: 'sqlite' | 'postgres';
  /** the post path with the index kept, and without its upkeep: the median round of each, with every round */
  withIndex: LoadResult;
  withoutIndex: LoadResult;
  /** SQLite: the age of the oldest message not yet indexed, sampled every 50 ms while posting with the index */
  lag?: { p99Ms: number; maxMs: number; samples: number };
}

/** PostgreSQL's search upkeep, each part dropped for a round without it (in this order) and made again after (in the reverse) */
const PG_UPKEEP = [
  { drop: 'drop index messages_search', make: pgUpkeep.messagesIndex },
  { drop: 'alter table messages drop column search_vector', make: pgUpkeep.messagesVector },
  { drop: 'drop index conversations_search', make: pgUpkeep.conversationsIndex },
  { drop: 'drop index attachments_search', make: pgUpkeep.attachmentsIndex },
];

/** The SQLite copy without the index's upkeep: no full-text triggers, and the batch indexer's progress past any message to come. */
function withoutSqliteIndexing(dataDir: string) {
  const db = new Database(path.join(dataDir, 'parley.db'));
  db.prepare('attach database ? as search').run(path.join(dataDir, 'parley-search.db'));
  try {
    const triggers = db.prepare("select name from sqlite_master where type = 'trigger' and name like '%fts%'").pluck().all() as string[];
    if (triggers.length === 0) throw new Error('no full-text triggers found in the bench data');
    for (const name of triggers) db.exec(`drop trigger ${name}`);
    db.prepare('update search.search_progress set messages_up_to = ?').run(Number.MAX_SAFE_INTEGER);
  } finally {
    db.close();
  }
}

/** Samples, while `load` runs, how long the oldest message not yet in the full-text index has waited. */
async function sampleLag<T>(dataDir: string, ages: number[], load: () => Promise<T>): Promise<T> {
  const db = new Database(path.join(dataDir, 'parley.db'), { readonly: true });
  db.prepare('attach database ? as search').run(path.join(dataDir, 'parley-search.db'));
  const oldest = db
    .prepare('select created_at from messages where id > (select messages_up_to from search_progress) order by id limit 1')
    .pluck();
  const timer = setInterval(() => {
    const at = oldest.get() as string | undefined;
    ages.push(at === undefined ? 0 : Math.max(0, Date.now() - Date.parse(at)));
  }, 50);
  try {
    return await load();
  } finally {
    clearInterval(timer);
    db.close();
  }
}

/** Runs `round` without PostgreSQL's search upkeep (the indexes, the messages' stored vector), and makes it again after. */
async function withoutPgIndexes<T>(url: string, round: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const part of PG_UPKEEP) await client.query(part.drop);
    try {
      return await round();
    } finally {
      for (const part of [...PG_UPKEEP].reverse()) await client.query(part.make);
      await client.query('analyze messages, conversations, attachments');
    }
  } finally {
    await client.end();
  }
}

export async function runSearchCostBenchmark(
  options: PostingOptions & {
    dialect: 'sqlite' | 'postgres';
    /** a fresh copy of the data for each server (on PostgreSQL, the one database) */
    freshCopy: () => string;
    rounds: number;
    median: (results: LoadResult[]) => LoadResult;
  },
): Promise<SearchCostResult> {
  const kept: LoadResult[] = [];
  const without: LoadResult[] = [];
  const ages: number[] = [];
  const posts = async (dataDir: string, sample = false) => {
    const parley = await startParley(dataDir, options.parleyLog);
    try {
      return await (sample ? sampleLag(dataDir, ages, () => runPostLoad(options, parley)) : runPostLoad(options, parley));
    } finally {
      await parley.stop();
    }
  };
  const sqlite = options.dialect === 'sqlite';
  for (let round = 1; round <= options.rounds; round++) {
    console.error(`… search index cost, round ${round}: with the index`);
    kept.push(await posts(options.freshCopy(), sqlite));
    console.error(`… search index cost, round ${round}: without it`);
    if (!sqlite) {
      without.push(await withoutPgIndexes(process.env.DATABASE_URL!, () => posts(options.freshCopy())));
    } else {
      const copy = options.freshCopy();
      withoutSqliteIndexing(copy);
      without.push(await posts(copy));
    }
  }
  const sorted = [...ages].sort((a, b) => a - b);
  const lag = sqlite
    ? { p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0, maxMs: sorted.at(-1) ?? 0, samples: sorted.length }
    : undefined;
  return {
    kind: 'search-cost',
    dialect: options.dialect,
    withIndex: options.median(kept),
    withoutIndex: options.median(without),
    ...(lag ? { lag } : {}),
  };
}

/** The search index's cost to the post path (at most 10 %). */
export function searchCostRows(s: SearchCostResult | undefined) {
  if (!s) return [];
  const ratio = s.withIndex.perSecond / Math.max(s.withoutIndex.perSecond, 1);
  return [
    {
      benchmark: 'Post message with the search index kept ÷ without it, 100 clients',
      figure: `${s.withIndex.perSecond}/s${roundRates(s.withIndex)} beside ${s.withoutIndex.perSecond}/s${roundRates(s.withoutIndex)}: ${ratio.toFixed(2)} ×; p99 ${s.withIndex.p99.toFixed(0)} ms beside ${s.withoutIndex.p99.toFixed(0)} ms`,
      target: '≥ 0.90 × (at most 10 % slower)',
      result: ratio >= 0.9 && s.withIndex.failures === 0 && s.withoutIndex.failures === 0 ? ('pass' as const) : ('miss' as const),
    },
    ...(s.lag
      ? [
          {
            benchmark: 'Search index lag while posting (the oldest message not yet indexed, sampled every 50 ms)',
            figure: `p99 ${s.lag.p99Ms} ms, max ${s.lag.maxMs} ms (${s.lag.samples} samples)`,
            target: '< 1,000 ms',
            result: s.lag.maxMs < 1000 && s.lag.samples > 0 ? ('pass' as const) : ('miss' as const),
          },
        ]
      : []),
  ];
}
