import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { Visibility } from '../people';
import { matchQuery, type Clause } from './query';

/** Where a page ends, in the hits' order (score, time, kind, id, all descending). */
export interface HitKey {
  score: number;
  at: string;
  kind: 'c' | 'm';
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

/**
 * The matching messages and conversation names, scored (higher is more
 * relevant): each engine's own measure, bm25 in FTS5 and ts_rank_cd in
 * PostgreSQL, read from its full-text index. A hit names its conversation.
 */
function hits(dialect: Dialect, filter: HitFilter) {
  const messageConditions: RawBuilder<SqlBool>[] = [];
  if (!filter.staff) messageConditions.push(sql<SqlBool>`m.type <> 'note'`);
  if (filter.authorSide) {
    const column = sql.raw(filter.authorSide === 'staff' ? 'backoffice_user_id' : 'customer_user_id');
    messageConditions.push(
      sql<SqlBool>`exists (select 1 from participants ap where ap.id = m.author_participant_id and ap.${column} is not null)`,
    );
  }
  const names = filter.authorSide === undefined;
  if (filter.clauses.length === 0) {
    return sql`select 'm' as kind, m.id as id, m.conversation_id as conversation_id, m.created_at as at, 0.0 as score
      from messages m where ${and(messageConditions)}`;
  }
  const q = matchQuery(dialect, filter.clauses);
  if (dialect === 'postgres') {
    const messages = sql`select 'm' as kind, m.id as id, m.conversation_id as conversation_id, m.created_at as at,
        ts_rank_cd(parley_search_text(m.body), ${q})::float8 as score
      from messages m where parley_search_text(m.body) @@ ${q} and ${and(messageConditions)}`;
    if (!names) return messages;
    return sql`${messages} union all select 'c', c.id, c.id, c.last_activity_at, ts_rank_cd(parley_search_text(c.name), ${q})::float8
      from conversations c where parley_search_text(c.name) @@ ${q}`;
  }
  const messages = sql`select 'm' as kind, m.id as id, m.conversation_id as conversation_id, m.created_at as at,
      -bm25(messages_fts) as score
    from messages_fts join messages m on m.id = messages_fts.rowid where messages_fts match ${q} and ${and(messageConditions)}`;
  if (!names) return messages;
  return sql`${messages} union all select 'c', c.id, c.id, c.last_activity_at, -bm25(conversations_fts)
    from conversations_fts join conversations c on c.id = conversations_fts.rowid where conversations_fts match ${q}`;
}

/** What every hit must also pass: visibility and the filters on its conversation. */
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
  if (filter.from) conditions.push(sql<SqlBool>`h.at >= ${filter.from}`);
  if (filter.until) conditions.push(sql<SqlBool>`h.at < ${filter.until}`);
  return conditions;
}

export interface HitRow {
  kind: 'c' | 'm';
  id: number;
  conversation_id: number;
  at: string;
  score: number;
  name: string;
  status: 'active' | 'closed';
  customer_name: string;
  seq: number | null;
  type: string | null;
  body: string | null;
  author_cu_first_name: string | null;
  author_cu_last_name: string | null;
  author_cu_deleted_at: string | null;
  author_bo_first_name: string | null;
  author_bo_last_name: string | null;
}

/** A page of hits after `after`, best first, then newest. */
export function hitPageQuery(db: Kysely<DB>, dialect: Dialect, filter: HitFilter, after: HitKey | undefined, limit: number) {
  const conditions = conversationConditions(filter);
  if (after) {
    conditions.push(sql<SqlBool>`(h.score, h.at, h.kind, h.id) < (${after.score}, ${after.at}, ${after.kind}, ${after.id})`);
  }
  return sql<HitRow>`select h.kind, h.id, h.conversation_id, h.at, h.score, c.name, c.status, cust.name as customer_name,
      m.seq, m.type, m.body,
      acu.first_name as author_cu_first_name, acu.last_name as author_cu_last_name, acu.deleted_at as author_cu_deleted_at,
      abo.first_name as author_bo_first_name, abo.last_name as author_bo_last_name
    from (${hits(dialect, filter)}) h
    join conversations c on c.id = h.conversation_id
    join customers cust on cust.id = c.customer_id
    left join messages m on h.kind = 'm' and m.id = h.id
    left join participants ap on ap.id = m.author_participant_id
    left join customer_users acu on acu.id = ap.customer_user_id
    left join backoffice_users abo on abo.id = ap.backoffice_user_id
    where ${and(conditions)}
    order by h.score desc, h.at desc, h.kind desc, h.id desc
    limit ${limit}`.compile(db);
}

/** How many hits in all, counted up to `cap` (the grid's "exact up to 10,000"). */
export function hitCountQuery(db: Kysely<DB>, dialect: Dialect, filter: HitFilter, cap: number) {
  return sql<{ n: number | string }>`select count(*) as n from (
      select 1 from (${hits(dialect, filter)}) h join conversations c on c.id = h.conversation_id
      where ${and(conversationConditions(filter))} limit ${cap}) counted`.compile(db);
}

export async function hitPage(db: Kysely<DB>, dialect: Dialect, filter: HitFilter, after: HitKey | undefined, limit: number) {
  return (await db.executeQuery(hitPageQuery(db, dialect, filter, after, limit))).rows;
}

export async function countHits(db: Kysely<DB>, dialect: Dialect, filter: HitFilter, cap: number) {
  const row = (await db.executeQuery(hitCountQuery(db, dialect, filter, cap))).rows[0];
  return Number(row?.n ?? 0);
}
