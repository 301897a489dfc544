// POST /integration/v1/bulk: NDJSON, one upsert per line, kinds mixed. Lines
// are read and checked first, then written parents first (back-office users,
// customers from the root down, customer users, records), in chunks of a few
// hundred lines per transaction: on PostgreSQL a long write transaction would
// hold up live push and the consumers until it ended.
import type { z } from 'zod';
import {
  SYNC_KINDS,
  upsertBodies,
  ExternalId,
  type BulkAnswer,
  type BulkResult,
  type SyncKind,
  type TokenScope,
} from '../../shared/integration';
import type { IntegrationActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { isRecordKind, upsertChunk, type UpsertItem } from './sync.service';

export const BULK_CHUNK = 500;
export const BULK_MAX_LINES = 50_000;

const RANK: Record<SyncKind, number> = { backoffice_user: 0, customer: 1, customer_user: 2, order: 3, rfq: 3, quote: 3 };

export const scopeOfKind = (kind: SyncKind): TokenScope => (isRecordKind(kind) ? 'records:write' : 'directory:write');

interface Line {
  line: number;
  item: UpsertItem;
}

const fieldsOf = (error: z.ZodError, prefix = '') =>
  Object.fromEntries(error.issues.map((i) => [[prefix, ...i.path].filter((p) => p !== '').join('.') || 'line', i.message]));

const failed = (
  line: number,
  kind: string | null,
  externalId: string | null,
  code: string,
  message: string,
  fields?: Record<string, string>,
): BulkResult => ({
  line,
  kind,
  externalId,
  outcome: 'failed',
  error: { code, message, ...(fields ? { fields } : {}) },
});

/** Reads and checks every line: the upserts to make, and the lines refused already. */
export function readLines(text: string, actor: IntegrationActor): { lines: Line[]; refused: BulkResult[] } {
  const lines: Line[] = [];
  const refused: BulkResult[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      refused.push(failed(line, null, null, 'VALIDATION_FAILED', 'This line is not JSON.'));
      return;
    }
    const { kind, externalId, ...body } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const knownKind = SYNC_KINDS.find((k) => k === kind);
    const id = ExternalId.safeParse(externalId);
    const kindText = typeof kind === 'string' ? kind : null;
    const idText = id.success ? id.data : null;
    if (!knownKind || !id.success) {
      const fields: Record<string, string> = {};
      if (!knownKind) fields.kind = `Use one of ${SYNC_KINDS.join(', ')}.`;
      if (!id.success) fields.externalId = id.error.issues[0]?.message ?? 'Use the store’s id.';
      refused.push(failed(line, kindText, idText, 'VALIDATION_FAILED', 'Some fields are invalid.', fields));
      return;
    }
    if (!actor.scopes.includes(scopeOfKind(knownKind))) {
      refused.push(failed(line, knownKind, id.data, 'FORBIDDEN', `This token lacks the ${scopeOfKind(knownKind)} scope.`));
      return;
    }
    const parsed = upsertBodies[knownKind].safeParse(body);
    if (!parsed.success) {
      refused.push(failed(line, knownKind, id.data, 'VALIDATION_FAILED', 'Some fields are invalid.', fieldsOf(parsed.error)));
      return;
    }
    lines.push({ line, item: { kind: knownKind, externalId: id.data, body: parsed.data } as UpsertItem });
  });
  return { lines, refused };
}

/** Parents before children: by kind, and customers of this batch after their parent of this batch. */
export function writingOrder(lines: Line[]): Line[] {
  const depth = new Map<string, number>();
  const customers = new Map(lines.filter((l) => l.item.kind === 'customer').map((l) => [l.item.externalId, l]));
  const depthOf = (externalId: string, seen: Set<string>): number => {
    const known = depth.get(externalId);
    if (known !== undefined) return known;
    const line = customers.get(externalId);
    const parent = line?.item.kind === 'customer' ? line.item.body.parentExternalId : undefined;
    // a cycle within the batch is left to the upsert to refuse
    const d = parent && customers.has(parent) && !seen.has(parent) ? depthOf(parent, new Set(seen).add(externalId)) + 1 : 0;
    depth.set(externalId, d);
    return d;
  };
  const rank = (l: Line) => RANK[l.item.kind] * 1_000_000 + (l.item.kind === 'customer' ? depthOf(l.item.externalId, new Set()) : 0);
  return lines
    .map((l) => ({ l, r: rank(l) }))
    .sort((a, b) => a.r - b.r || a.l.line - b.l.line)
    .map((x) => x.l);
}

export async function importLines(ctx: Ctx<IntegrationActor>, text: string): Promise<BulkAnswer> {
  const count = text.split('\n').filter((l) => l.trim() !== '').length;
  if (count > BULK_MAX_LINES) {
    throw new AppError('VALIDATION_FAILED', `A bulk import may have at most ${BULK_MAX_LINES} lines.`, {
      body: `Send at most ${BULK_MAX_LINES} lines per request (this one has ${count}).`,
    });
  }
  const { lines, refused } = readLines(text, ctx.actor);
  const results: BulkResult[] = [...refused];
  const ordered = writingOrder(lines);
  for (let start = 0; start < ordered.length; start += BULK_CHUNK) {
    const chunk = ordered.slice(start, start + BULK_CHUNK);
    const outcomes = await upsertChunk(
      ctx,
      chunk.map((l) => l.item),
    );
    outcomes.forEach((o, i) => {
      const { line, item } = chunk[i]!;
      results.push(
        o.outcome === 'failed'
          ? { line, kind: item.kind, externalId: item.externalId, outcome: 'failed', error: o.error }
          : { line, kind: item.kind, externalId: item.externalId, outcome: o.outcome, id: o.id },
      );
    });
  }
  results.sort((a, b) => a.line - b.line);
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return { counts, results };
}
