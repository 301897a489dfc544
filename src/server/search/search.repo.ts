import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { Visibility } from '../people';
import { fts5Match, tsquery, type Clause } from './query';
import { clausesArgument } from './score';

/** Where a page ends, in the hits' order (score, time, kind, id, all descending). */
export interface HitKey {
  score: number;
  at: string;
  /** a conversation's name, a message's body, an attached file's name */
  kind: 'c' | 'm' | 'a';
  id: number;
}

export interface HitFilter {
  /** none: every message that passes the filters, newest first */
  clauses: Clause[];
  visibility: Visibility;
  /** staff read internal notes; nobody else finds them */
  staff: boolean;
  status?: 'active' | 'closed' | undefined;
  customerIds?: number[] | undefined;
  customerUserId?: number | undefined;
  ownerId?: number | undefined;
  sourceType?: string | undefined;
  sourceNumber?: string | undefined;
  authorSide?: 'staff' | 'customer' | undefined;
  from?: string | undefined;
  /** exclusive */
  until?: string | undefined;
  /** messages that carry a file (conversation names then match nothing) */
  hasAttachment?: boolean | undefined;
  /**
   * How many of the newest hits of each kind are ranked (the score reads
   * each one's text); the window reads one more, which says whether there
   * are more. Pages go as far as the window.
   */
  window: number;
  /** the total is exact up to this many hits; at most `window`, it is the window's own count */
  totalCap: number;
}

const and = (conditions: RawBuilder<SqlBool>[]) => (conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql.join(conditions, sql` and `));
const ids = (list: readonly number[]) => (list.length === 0 ? sql`(null)` : sql`(${sql.join(list)})`);

function visible(visibility: Visibility): RawBuilder<SqlBool>[] {
  switch (visibility.kind) {
    case 'all':
      return [];
    case 'customerUser':
      return [sql<SqlBool>`(c.customer_user_id = ${visibility.customerUserId} or c.id in ${ids(visibility.guestOf)})`];
    case 'customers':
      return [sql<SqlBool>`(c.customer_id in ${ids(visibility.customerIds)} or c.id in ${ids(visibility.guestOf)})`];
  }
}

/** SQLite: the indexed messages queued for the index thread and not yet written again (search.file.ts). */
const queued = sql`select message_id from search_queue where id > (select queue_up_to from search_progress)`;

/**
 * SQLite: whether any change is queued for the index thread. Most often none
 * is, and the statement then leaves the queue out: checking each match
 * against it cost the back-office's "delivery date" about 1 ms of 8 at
 * 2,000,000 messages. A change queued between this and the statement is
 * found as the index had it, for the moment until the next batch, as any
 * index kept by a consumer lags its writes; who may see a hit is still
 * decided by the statement's conditions on the conversation.
 */
async function queuedChanges(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ pending: number }>`select exists (${queued}) as pending`.execute(db);
  return rows[0]!.pending === 1;
}

/** More customers than this are filtered by SQL alone, not also by scope tokens in the MATCH. */
const MAX_SCOPE_TOKENS = 200;
/** A guest's own g token, when they are a guest anywhere (their guest conversations' rows carry it). */
const guestTokens = (v: Visibility) => (v.kind !== 'all' && v.guestOf.length > 0 ? [`g${v.customerUserId}`] : []);
const scopeFits = (v: Visibility) => v.kind !== 'customers' || v.customerIds.length + guestTokens(v).length <= MAX_SCOPE_TOKENS;

/**
 * SQLite: the scope tokens a row must carry (search.migrations.ts), so that
 * FTS5 intersects the words' lists with the user's own short list instead of
 * handing every match of a common word to SQL to filter. The SQL conditions
 * stay the rule; these only make it cheap.
 */
function scopeMatch(filter: HitFilter): string[] {
  const parts: string[] = [];
  const anyOf = (tokens: string[]) => `scope : (${tokens.map((t) => `"${t}"`).join(' OR ')})`;
  const v = filter.visibility;
  if (v.kind === 'customerUser') parts.push(anyOf([`u${v.customerUserId}`, ...guestTokens(v)]));
  if (v.kind === 'customers' && scopeFits(v)) parts.push(anyOf([...v.customerIds.map((id) => `k${id}`), ...guestTokens(v)]));
  if (filter.customerIds && filter.customerIds.length <= MAX_SCOPE_TOKENS) parts.push(anyOf(filter.customerIds.map((id) => `k${id}`)));
  if (filter.customerUserId !== undefined) parts.push(anyOf([`u${filter.customerUserId}`]));
  return parts;
}

/**
 * Whether the scope tokens say all that the SQL conditions say (who may see
 * the hit, notes, the customer and customer user filters): then the
 * full-text table alone counts the hits. The tokens are written by the same
 * triggers, in the same transaction, as the rows they describe.
 */
function scopeSaysAll(filter: HitFilter): boolean {
  const v = filter.visibility;
  const others = [filter.status, filter.ownerId, filter.sourceType, filter.sourceNumber, filter.authorSide, filter.from, filter.until];
  return (
    scopeFits(v) && (filter.customerIds?.length ?? 0) <= MAX_SCOPE_TOKENS && others.every((o) => o === undefined) && !filter.hasAttachment
  );
}

function sqliteMatch(filter: HitFilter, column: 'body' | 'name', notes: boolean) {
  const match = [fts5Match(filter.clauses, column), ...scopeMatch(filter)].join(' AND ');
  return notes ? match : `${match} NOT scope : "note"`;
}

/**
 * One kind of hit: where its rows come from, what they must pass, how they
 * are scored and which are newest. A file's name is a hit of its own (kind
 * 'a'), naming the message that carries it.
 */
interface Branch {
  kind: HitKey['kind'];
  select: RawBuilder<unknown>;
  from: RawBuilder<unknown>;
  where: RawBuilder<SqlBool>[];
  /** what the score reads of each row in the window (its text, or on PostgreSQL a message's stored vector) */
  scored: RawBuilder<unknown>;
  /** the score, over `scored` as the window's column: computed for the window's rows only, after its limit */
  score: (scored: RawBuilder<unknown>) => RawBuilder<unknown>;
  newest: RawBuilder<unknown>;
  /** SQLite, where the match says all the conditions say: the full-text table alone, which holds a row for each of its rows */
  bare?: { from: RawBuilder<unknown>; where: RawBuilder<SqlBool>[] };
}

function branches(dialect: Dialect, filter: HitFilter, queuedChanges: boolean): Branch[] {
  const where = conversationConditions(filter);
  const messageConditions = [...where];
  if (!filter.staff) messageConditions.push(sql<SqlBool>`m.type <> 'note'`);
  if (filter.authorSide) {
    const column = sql.raw(filter.authorSide === 'staff' ? 'backoffice_user_id' : 'customer_user_id');
    messageConditions.push(
      sql<SqlBool>`exists (select 1 from participants ap where ap.id = m.author_participant_id and ap.${column} is not null)`,
    );
  }
  if (filter.from) messageConditions.push(sql<SqlBool>`m.created_at >= ${filter.from}`);
  if (filter.until) messageConditions.push(sql<SqlBool>`m.created_at < ${filter.until}`);
  if (filter.hasAttachment) messageConditions.push(sql<SqlBool>`exists (select 1 from attachments fa where fa.message_id = m.id)`);
  const nameConditions = [...where];
  if (filter.from) nameConditions.push(sql<SqlBool>`c.last_activity_at >= ${filter.from}`);
  if (filter.until) nameConditions.push(sql<SqlBool>`c.last_activity_at < ${filter.until}`);
  const message = sql`'m' as kind, m.id as id, m.id as message_id, m.conversation_id as conversation_id, m.created_at as at`;
  const name = sql`'c' as kind, c.id as id, cast(null as integer) as message_id, c.id as conversation_id, c.last_activity_at as at`;
  const file = sql`'a' as kind, a.id as id, m.id as message_id, m.conversation_id as conversation_id, m.created_at as at`;
  const joined = sql`messages m join conversations c on c.id = m.conversation_id`;
  // a file is found once a message carries it, by whoever may see that message
  const attached = sql`join messages m on m.id = a.message_id join conversations c on c.id = m.conversation_id`;

  if (filter.clauses.length === 0) {
    const score = () => sql`cast(0 as double precision)`;
    return [{ kind: 'm', select: message, from: joined, where: messageConditions, scored: sql`m.id`, score, newest: sql`m.id` }];
  }
  const found: Branch[] = [];
  if (dialect === 'postgres') {
    const q = tsquery(filter.clauses);
    found.push({
      kind: 'm',
      select: message,
      // nothing to ask of the conversation (the back-office, unfiltered): the messages alone, counted from the index
      from: messageConditions.length === 0 ? sql`messages m` : joined,
      where: [sql<SqlBool>`m.search_vector @@ ${q}`, ...messageConditions],
      scored: sql`m.search_vector`,
      score: (v) => sql`ts_rank_cd(${v}, ${q})::float8`,
      newest: sql`m.id`,
    });
    found.push({
      kind: 'c',
      select: name,
      from: sql`conversations c`,
      where: [sql<SqlBool>`parley_search_text(c.name) @@ ${q}`, ...nameConditions],
      scored: sql`c.name`,
      score: (text) => sql`ts_rank_cd(parley_search_text(${text}), ${q})::float8`,
      newest: sql`c.id`,
    });
    found.push({
      kind: 'a',
      select: file,
      from: sql`attachments a ${attached}`,
      where: [sql<SqlBool>`a.message_id is not null`, sql<SqlBool>`parley_search_text(a.name) @@ ${q}`, ...messageConditions],
      scored: sql`a.name`,
      score: (text) => sql`ts_rank_cd(parley_search_text(${text}), ${q})::float8`,
      newest: sql`a.id`,
    });
  } else {
    const clauses = clausesArgument(filter.clauses);
    const countBare = scopeSaysAll(filter);
    const fts = (kind: Branch['kind'], table: string, column: 'body' | 'name', notes: boolean, conditions: RawBuilder<SqlBool>[]) => {
      const matches = [sql<SqlBool>`${sql.raw(table)} match ${sqliteMatch(filter, column, notes)}`];
      // an indexed message queued since (edited, deleted, its scope changed) is read from its table instead, below
      if (kind === 'm' && queuedChanges) matches.push(sql<SqlBool>`${sql.raw(table)}.rowid not in (${queued})`);
      const joins = {
        m: sql`join messages m on m.id = ${sql.raw(table)}.rowid join conversations c on c.id = m.conversation_id`,
        c: sql`join conversations c on c.id = ${sql.raw(table)}.rowid`,
        a: sql`join attachments a on a.id = ${sql.raw(table)}.rowid ${attached}`,
      }[kind];
      const text = { m: sql`m.body`, c: sql`c.name`, a: sql`a.name` }[kind];
      found.push({
        kind,
        select: { m: message, c: name, a: file }[kind],
        from: sql`${sql.raw(table)} ${joins}`,
        where: [...matches, ...conditions],
        scored: text,
        score: (t) => sql`parley_search_score(${t}, ${clauses})`,
        newest: sql`${sql.raw(table)}.rowid`,
        ...(countBare ? { bare: { from: sql.raw(table), where: matches } } : {}),
      });
    };
    fts('m', 'messages_fts', 'body', filter.staff, messageConditions);
    // the messages the index does not hold yet (search.indexer.ts): the last moments' posts, read by id from their
    // table (a cross join keeps SQLite from starting at a Buyer's conversations and reading all their messages),
    // and the indexed ones queued since, as they now are
    const unindexed = (which: RawBuilder<SqlBool>): Branch => ({
      kind: 'm',
      select: message,
      from: sql`messages m cross join conversations c on c.id = m.conversation_id`,
      where: [which, sql<SqlBool>`parley_search_matches(m.body, ${clauses}) = 1`, ...messageConditions],
      scored: sql`m.body`,
      score: (t) => sql`parley_search_score(${t}, ${clauses})`,
      newest: sql`m.id`,
    });
    found.push(unindexed(sql<SqlBool>`m.id > (select messages_up_to from search_progress)`));
    if (queuedChanges) found.push(unindexed(sql<SqlBool>`m.id in (${queued}) and m.id <= (select messages_up_to from search_progress)`));
    fts('c', 'conversations_fts', 'name', true, nameConditions);
    fts('a', 'attachments_fts', 'name', filter.staff, messageConditions);
  }
  // conversation names have no author, and carry no file
  return filter.authorSide === undefined && !filter.hasAttachment ? found : found.filter((b) => b.kind !== 'c');
}

/**
 * The newest `window` hits of each kind (matching messages, matching
 * conversation names) that the user may see and that pass the filters,
 * scored (higher is more relevant): score.ts on SQLite, ts_rank_cd in PostgreSQL.
 * Ranking a window keeps a common word's cost bounded at any size; SQLite
 * reads the matches newest first from the index and stops at the window.
 * The score is computed outside the window's query, for its rows only:
 * PostgreSQL's planner costs ts_rank_cd as cheap and otherwise ranked every
 * match before the sort kept the newest (11,750 for the back-office's
 * "delivery date" on the small data: its p50 went from 41 to 32 ms).
 */
const ranked = (window: number) => (branch: Branch, i: number) =>
  sql`select w.branch, w.kind, w.id, w.message_id, w.conversation_id, w.at, ${branch.score(sql`w.scored`)} as score
    from (select ${sql.lit(i)} as branch, ${branch.select}, ${branch.scored} as scored from ${branch.from} where ${and(branch.where)}
      order by ${branch.newest} desc limit ${window + 1}) w`;

/**
 * How many hits of one kind: those in the window when it is not full, or
 * when the total need not be exact past it (no second pass over the index);
 * else up to one more than the cap, counted with no score and no order, so
 * the index is read as it comes (alone, when it is enough).
 */
function counted(filter: HitFilter) {
  return (branch: Branch, i: number) => {
    const { from, where } = branch.bare ?? branch;
    const inWindow = sql`(select count(*) from h where h.branch = ${sql.lit(i)})`;
    if (filter.totalCap <= filter.window) return inWindow;
    return sql`(case when ${inWindow} <= ${filter.window} then ${inWindow}
      else (select count(*) from (select 1 as one from ${from} where ${and(where)} limit ${filter.totalCap + 1}) w) end)`;
  };
}

/** What every hit must pass on its conversation: visibility and the filters. */
function conversationConditions(filter: HitFilter): RawBuilder<SqlBool>[] {
  const conditions = visible(filter.visibility);
  if (filter.status) conditions.push(sql<SqlBool>`c.status = ${filter.status}`);
  if (filter.customerIds) conditions.push(sql<SqlBool>`c.customer_id in ${ids(filter.customerIds)}`);
  if (filter.customerUserId !== undefined) conditions.push(sql<SqlBool>`c.customer_user_id = ${filter.customerUserId}`);
  if (filter.ownerId !== undefined) conditions.push(sql<SqlBool>`c.owner_id = ${filter.ownerId}`);
  if (filter.sourceType !== undefined || filter.sourceNumber !== undefined) {
    const record: RawBuilder<SqlBool>[] = [sql<SqlBool>`r.id = c.source_record_id`, sql<SqlBool>`r.deleted_at is null`];
    if (filter.sourceType !== undefined) record.push(sql<SqlBool>`r.type = ${filter.sourceType}`);
    if (filter.sourceNumber !== undefined) record.push(sql<SqlBool>`upper(r.number) = upper(${filter.sourceNumber})`);
    conditions.push(sql<SqlBool>`exists (select 1 from commerce_records r where ${and(record)})`);
  }
  return conditions;
}

export interface HitRow {
  kind: HitKey['kind'];
  id: number;
  /** the message's, for a hit on a message or on a file it carries */
  message_id: number | null;
  conversation_id: number;
  at: string;
  score: number;
  name: string;
  status: 'active' | 'closed';
  customer_name: string;
  seq: number | null;
  type: string | null;
  body: string | null;
  /** a file's name, for a hit of kind 'a' */
  file_name: string | null;
  author_cu_first_name: string | null;
  author_cu_last_name: string | null;
  author_cu_deleted_at: string | null;
  author_bo_first_name: string | null;
  author_bo_last_name: string | null;
}

/**
 * One statement: the ranked window of hits once, the total, and the page
 * after `after` in (score, time, kind, id) order, best first, then newest.
 * One row with null hit columns when the page is empty.
 */
export function hitPageQuery(
  db: Kysely<DB>,
  dialect: Dialect,
  filter: HitFilter,
  after: HitKey | undefined,
  limit: number,
  /** SQLite: whether the index thread has queued changes still to apply (`queuedChanges`); when not, the statement leaves them out */
  queuedChanges = true,
) {
  const keyset = after
    ? sql<SqlBool>`(h.score, h.at, h.kind, h.id) < (${after.score}, ${after.at}, ${after.kind}, ${after.id})`
    : sql<SqlBool>`1 = 1`;
  const parts = branches(dialect, filter, queuedChanges);
  return sql<HitRow & { total: number | string }>`with h as materialized (${sql.join(parts.map(ranked(filter.window)), sql` union all `)})
    select t.total, p.* from (select ${sql.join(parts.map(counted(filter)), sql` + `)} as total) t left join (
      select h.kind, h.id, h.message_id, h.conversation_id, h.at, h.score, c.name, c.status, cust.name as customer_name,
        m.seq, m.type, m.body, fa.name as file_name,
        acu.first_name as author_cu_first_name, acu.last_name as author_cu_last_name, acu.deleted_at as author_cu_deleted_at,
        abo.first_name as author_bo_first_name, abo.last_name as author_bo_last_name
      from (select * from h where ${keyset} order by h.score desc, h.at desc, h.kind desc, h.id desc limit ${limit}) h
      join conversations c on c.id = h.conversation_id
      join customers cust on cust.id = c.customer_id
      left join messages m on m.id = h.message_id
      left join attachments fa on h.kind = 'a' and fa.id = h.id
      left join participants ap on ap.id = m.author_participant_id
      left join customer_users acu on acu.id = ap.customer_user_id
      left join backoffice_users abo on abo.id = ap.backoffice_user_id) p on true
    order by p.score desc, p.at desc, p.kind desc, p.id desc`.compile(db);
}

/** The page, and the total: every hit the user may see, counted up to the cap (see `counted`). */
export async function hitPage(db: Kysely<DB>, dialect: Dialect, filter: HitFilter, after: HitKey | undefined, limit: number) {
  const pending = dialect === 'sqlite' && filter.clauses.length > 0 && (await queuedChanges(db));
  const rows = (await db.executeQuery(hitPageQuery(db, dialect, filter, after, limit, pending))).rows;
  return { total: Number(rows[0]?.total ?? 0), rows: rows.filter((r) => (r.kind as string | null) !== null) };
}
