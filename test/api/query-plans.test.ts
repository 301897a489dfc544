// The list queries must read their page through the index meant for them and
// never scan or sort a whole table: at 100,000 conversations and 2,000,000
// messages a scan costs seconds (bench/README.md). The plans are read from the
// real queries the repositories build, so dropping an index or changing a
// query into one that scans fails here, not in production.
import { expect, it } from 'vitest';
import { CompiledQuery, sql, type Compilable, type Kysely } from 'kysely';
import { GridQuery } from '../../src/shared/api';
import type { DB } from '../../src/server/db/schema';
import { newestPerCustomer, selectConversations, whereVisible, type Viewer } from '../../src/server/conversations/conversations.repo';
import { gridQueries } from '../../src/server/conversations/grid';
import { pageQuery } from '../../src/server/conversations/messages.repo';
import { unreadStatements } from '../../src/server/conversations/participants.repo';
import { waitingOnStaffQuery } from '../../src/server/conversations/unread.service';
import { hitPageQuery, type HitFilter } from '../../src/server/search/search.repo';
import { parseQuery } from '../../src/server/search/query';
import { describeApi, emails } from '../support/api';

/** SQLite's EXPLAIN QUERY PLAN lines, or the index names and node types of PostgreSQL's plan. */
async function planOf(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', query: Compilable, offOnPostgres: string[] = []): Promise<string[]> {
  const { sql: text, parameters } = query.compile();
  if (dialect === 'sqlite') {
    const rows = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
    return rows.rows.map((r) => r.detail);
  }
  return db.connection().execute(async (conn) => {
    // the test data is tiny, so a sequential scan would be cheapest; what is
    // asserted is that an index exists and the query can use it
    await sql`set enable_seqscan = off`.execute(conn);
    for (const setting of offOnPostgres) await sql`set ${sql.raw(setting)} = off`.execute(conn);
    try {
      const rows = await conn.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]));
      const lines: string[] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== 'object') return;
        const n = node as Record<string, unknown>;
        if (typeof n['Node Type'] === 'string') {
          lines.push(
            `${n['Node Type']} ${(n['Relation Name'] as string | undefined) ?? ''} ${(n['Index Name'] as string | undefined) ?? ''}`.trim(),
          );
        }
        Object.values(n).forEach(walk);
      };
      walk(rows.rows[0]?.['QUERY PLAN']);
      return lines;
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
      for (const setting of offOnPostgres) await sql`reset ${sql.raw(setting)}`.execute(conn);
    }
  });
}

const newestFirst = <Q extends ReturnType<typeof selectConversations>>(q: Q, limit: number) =>
  q.orderBy('c.last_activity_at', 'desc').orderBy('c.id', 'desc').limit(limit);

describeApi('query plans', (h) => {
  const deps = () => h().built.database;
  const plan = (query: Compilable) => planOf(deps().db, deps().dialect, query);
  const sqlite = () => deps().dialect === 'sqlite';
  const idOf = async (table: 'customer_users' | 'backoffice_users', email: string) =>
    (await deps().db.selectFrom(table).select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const customerIdOf = async (name: string) =>
    (await deps().db.selectFrom('customers').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  const expectIndexed = (lines: string[], index: string, table: string, alias: string) => {
    expect(lines.join('\n')).toContain(index);
    if (sqlite()) {
      expect(lines.filter((l) => new RegExp(`^SCAN ${alias}( |$)`).test(l) && !l.includes('USING'))).toEqual([]);
    } else {
      expect(lines.filter((l) => l.startsWith(`Seq Scan ${table}`))).toEqual([]);
    }
  };

  it('the Buyer list reads conversations_customer_user_activity in order', async () => {
    const amanda = await idOf('customer_users', emails.amanda);
    const viewer: Viewer = { kind: 'customer_user', id: amanda };
    const lines = await plan(
      newestFirst(whereVisible(selectConversations(deps().db, viewer), { kind: 'customerUser', customerUserId: amanda, guestOf: [] }), 26),
    );
    expectIndexed(lines, 'conversations_customer_user_activity', 'conversations', 'c');
    if (sqlite()) expect(lines).not.toContain('USE TEMP B-TREE FOR ORDER BY');
  });

  it('the customer Administrator list reads each customer through conversations_customer_activity', async () => {
    const marlene = await idOf('customer_users', emails.marlene);
    const visibility = {
      kind: 'customers' as const,
      guestOf: [],
      customerUserId: marlene,
      customerIds: [await customerIdOf('Acme Corporation'), await customerIdOf('Acme West')],
    };
    const viewer: Viewer = { kind: 'customer_user', id: marlene };
    const visible = whereVisible(selectConversations(deps().db, viewer), visibility);
    // each customer's first page of ids, read in index order (what newestPerCustomer runs per customer)
    const first = visible.clearSelect().select('c.id').where('c.customer_id', '=', visibility.customerIds[0]!);
    const firstLines = await plan(first.orderBy('c.last_activity_at', 'desc').orderBy('c.id', 'desc').limit(26));
    expectIndexed(firstLines, 'conversations_customer_activity', 'conversations', 'c');
    if (sqlite()) expect(firstLines).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    // then only those candidates are read, by id, and sorted
    const page = await plan(newestFirst(await newestPerCustomer(deps().db, viewer, visible, visibility, 26), 26));
    expectIndexed(page, sqlite() ? 'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)' : 'conversations_pkey', 'conversations', 'c');
  });

  it('the back-office grid, default sort, and its total use the activity indexes', async () => {
    const john = await idOf('backoffice_users', emails.john);
    const ctx = h().built.runtime.contextFor({ kind: 'backoffice_user', id: john, role: 'administrator', name: 'John Doe' } as const);
    const everything = gridQueries(ctx, GridQuery.parse({}));
    expectIndexed(await plan(everything.page), 'conversations_activity', 'conversations', 'c');
    if (sqlite()) expect(await plan(everything.page)).not.toContain('USE TEMP B-TREE FOR ORDER BY');

    const active = gridQueries(ctx, GridQuery.parse({ status: 'active' }));
    const page = await plan(active.page);
    expect(page.join('\n')).toMatch(/conversations_(status_)?activity/);
    if (sqlite()) expect(page).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    const total = await plan(active.counted);
    expectIndexed(total, 'conversations_status_activity', 'conversations', 'c');
    // the total joins nothing it does not filter on
    expect(total.join('\n')).not.toMatch(/messages|participants/);
  });

  it("the inbox's Waiting on us reads its page in order, and the team's count, from conversations_awaiting_staff alone", async () => {
    const john = await idOf('backoffice_users', emails.john);
    const ctx = h().built.runtime.contextFor({ kind: 'backoffice_user', id: john, role: 'administrator', name: 'John Doe' } as const);
    const waiting = gridQueries(ctx, GridQuery.parse({ waiting: 'true', sort: 'waitingSince', order: 'asc' }));
    const page = await plan(waiting.page);
    expectIndexed(page, 'conversations_awaiting_staff', 'conversations', 'c');
    if (sqlite()) expect(page).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    const total = await plan(waiting.counted);
    expectIndexed(total, 'conversations_awaiting_staff', 'conversations', 'c');
    expect(total.join('\n')).not.toMatch(/messages|participants/);
    expectIndexed(await plan(waitingOnStaffQuery(ctx)), 'conversations_awaiting_staff', 'conversations', 'conversations');
  });

  it('a thread page reads messages by (conversation_id, seq) in order', async () => {
    const lines = await plan(pageQuery(deps().db, 1, { before: 2500, limit: 40 }).query);
    expectIndexed(
      lines,
      sqlite() ? 'sqlite_autoindex_messages_1 (conversation_id=? AND seq<?)' : 'messages_conversation_seq',
      'messages',
      'm',
    );
    if (sqlite()) expect(lines).not.toContain('USE TEMP B-TREE FOR ORDER BY');
  });

  it("posting bumps the other participants' unread counts through participants_conversation", async () => {
    // the very statements a post runs (participants.repo.ts), each case
    for (const bump of [
      unreadStatements.forEveryone(deps().db, 1),
      unreadStatements.forOthers(deps().db, 1, 1),
      unreadStatements.forOthersAuthorRead(deps().db, 1, 1, 1),
    ]) {
      expectIndexed(await plan(bump), 'participants_conversation', 'participants', 'participants');
    }
  });

  it('search reads the full-text indexes of messages, conversation names and file names, for a Buyer and for the back-office, page and total', async () => {
    const amanda = await idOf('customer_users', emails.amanda);
    const filters: HitFilter[] = [
      {
        clauses: parseQuery('invo "net 30"'),
        visibility: { kind: 'customerUser', customerUserId: amanda, guestOf: [] },
        staff: false,
        window: 250,
        totalCap: 250,
      },
      { clauses: parseQuery('order shipped'), visibility: { kind: 'all' }, staff: true, window: 1_000, totalCap: 10_000 },
    ];
    for (const filter of filters) {
      const after = { score: 1, at: '2026-12-01', kind: 'm' as const, id: 5 };
      // the page and the total, in one statement
      const query = hitPageQuery(deps().db, deps().dialect, filter, after, 21);
      const lines = await plan({ compile: () => query });
      const text = lines.join('\n');
      if (sqlite()) {
        expect(text).toMatch(/SCAN messages_fts VIRTUAL TABLE INDEX/);
        expect(text).toMatch(/SCAN conversations_fts VIRTUAL TABLE INDEX/);
        expect(text).toMatch(/SCAN attachments_fts VIRTUAL TABLE INDEX/);
        // the messages not yet indexed: read from the index's progress on, by id
        expect(text).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid>\?\)/);
        // messages, conversations and files are read by id, never scanned
        expect(lines.filter((l) => /^SCAN (m|c|a|messages|conversations|attachments)( |$)/.test(l) && !l.includes('USING'))).toEqual([]);
        // the window is read newest first from the index, not sorted
        expect(text).not.toMatch(/USE TEMP B-TREE FOR ORDER BY[\s\S]*SCAN messages_fts/);
      } else {
        // a Buyer's few conversations may be read first, then their messages in order: also no scan
        expect(text).toMatch(filter.visibility.kind === 'all' ? /messages_search/ : /messages_search|messages_conversation_seq/);
        expect(text).toMatch(
          filter.visibility.kind === 'all' ? /conversations_search/ : /conversations_search|conversations_customer_user_activity/,
        );
        if (filter.visibility.kind === 'all') expect(text).toMatch(/attachments_search/);
        expect(lines.filter((l) => /^Seq Scan (messages|conversations)/.test(l))).toEqual([]);
      }
    }
  });
});
