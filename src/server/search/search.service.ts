import type { BackofficeSearchQuery, SearchHit, SearchPage, StorefrontSearchQuery } from '../../shared/search';
import { SEARCH_TOTAL_CAP, SEARCH_WINDOW, STOREFRONT_SEARCH_WINDOW } from '../../shared/search';
import { conversationVisibilityOf } from '../conversations';
import type { Ctx } from '../kernel/context';
import { badCursor, invalidFields } from '../kernel/errors';
import { customerUserName, descendantCustomerIds, personName } from '../people';
import { MAX_WORDS, parseQuery, wordCount, type Clause } from './query';
import { hitPage, type HitFilter, type HitKey, type HitRow } from './search.repo';
import { snippetOf } from './snippet';

const encodeKey = (k: HitKey) => Buffer.from(JSON.stringify([k.score, k.at, k.kind, k.id])).toString('base64url');

function decodeKey(cursor: string): HitKey {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(v) || v.length !== 4) throw badCursor();
  const [score, at, kind, id] = v as unknown[];
  if (typeof score !== 'number' || !Number.isFinite(score) || typeof at !== 'string' || (kind !== 'c' && kind !== 'm' && kind !== 'a'))
    throw badCursor();
  if (typeof id !== 'number' || !Number.isInteger(id)) throw badCursor();
  return { score, at, kind, id };
}

function clausesOf(q: string | undefined): Clause[] {
  const clauses = parseQuery(q ?? '');
  if (wordCount(clauses) > MAX_WORDS) throw invalidFields({ q: `Use at most ${MAX_WORDS} words.` });
  return clauses;
}

function present(row: HitRow, clauses: Clause[]): SearchHit {
  const conversation = { id: row.conversation_id, name: row.name, status: row.status, customerName: row.customer_name };
  if (row.kind === 'c') return { kind: 'conversation', conversation, message: null, snippet: snippetOf(row.name, clauses), at: row.at };
  const author =
    row.author_bo_first_name !== null
      ? personName(row.author_bo_first_name, row.author_bo_last_name ?? '')
      : row.author_cu_first_name !== null || row.author_cu_deleted_at !== null
        ? customerUserName({
            first_name: row.author_cu_first_name,
            last_name: row.author_cu_last_name,
            deleted_at: row.author_cu_deleted_at,
          })
        : null;
  return {
    kind: 'message',
    conversation,
    message: { id: row.message_id ?? row.id, seq: row.seq ?? 0, type: row.type ?? 'text', author, createdAt: row.at },
    // a file's name: shown as the list preview shows a file
    snippet:
      row.kind === 'a' ? [{ text: '📎 ', match: false }, ...snippetOf(row.file_name ?? '', clauses)] : snippetOf(row.body ?? '', clauses),
    at: row.at,
  };
}

async function pageOf(ctx: Ctx, filter: HitFilter, input: { cursor?: string | undefined; limit: number }): Promise<SearchPage> {
  const after = input.cursor === undefined ? undefined : decodeKey(input.cursor);
  const { rows, total: counted } = await hitPage(ctx.db, ctx.dialect, filter, after, input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => present(row, filter.clauses)),
    total: Math.min(counted, filter.totalCap),
    totalExact: counted <= filter.totalCap,
    nextCursor:
      rows.length > input.limit && last ? encodeKey({ score: Number(last.score), at: last.at, kind: last.kind, id: last.id }) : null,
  };
}

const EMPTY: SearchPage = { items: [], total: 0, totalExact: true, nextCursor: null };

/** What a customer user finds: their own conversations, their customer tree's (an Administrator), those they are a guest in; never a note. */
export async function searchAsCustomerUser(ctx: Ctx, input: StorefrontSearchQuery): Promise<SearchPage> {
  const clauses = clausesOf(input.q);
  if (clauses.length === 0) return EMPTY;
  const visibility = await conversationVisibilityOf(ctx.db, ctx.actor);
  return pageOf(
    ctx,
    { clauses, visibility, staff: false, status: input.status, window: STOREFRONT_SEARCH_WINDOW, totalCap: STOREFRONT_SEARCH_WINDOW },
    input,
  );
}

/** The next day's start for "2026-11-27", the moment itself for a full time. */
const endOf = (to: string) => (to.length === 10 ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : to);

/** What the back-office finds: everything, internal notes too, narrowed by the Search page's filters. */
export async function searchAsStaff(ctx: Ctx, input: BackofficeSearchQuery): Promise<SearchPage> {
  const clauses = clausesOf(input.q);
  const narrowed =
    [input.status, input.customerId, input.customerUserId, input.ownerId, input.sourceType, input.sourceNumber]
      .concat([input.authorSide, input.from, input.to])
      .some((v) => v !== undefined) || input.hasAttachment === true;
  if (clauses.length === 0 && !narrowed) return EMPTY;
  return pageOf(
    ctx,
    {
      clauses,
      visibility: { kind: 'all' },
      staff: true,
      window: SEARCH_WINDOW,
      totalCap: SEARCH_TOTAL_CAP,
      status: input.status,
      customerIds: input.customerId === undefined ? undefined : await descendantCustomerIds(ctx.db, input.customerId),
      customerUserId: input.customerUserId,
      ownerId: input.ownerId,
      sourceType: input.sourceType,
      sourceNumber: input.sourceNumber,
      authorSide: input.authorSide,
      from: input.from,
      until: input.to === undefined ? undefined : endOf(input.to),
      hasAttachment: input.hasAttachment,
    },
    input,
  );
}
