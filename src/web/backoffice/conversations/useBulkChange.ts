import { useState } from 'react';
import type { BulkActionBody, BulkActionResult, ConversationSummary } from '../../../shared/api';
import { toApiError } from '../../ui/api';
import { backoffice } from '../api';

const DONE: Record<BulkActionBody['action'], string> = { close: 'Closed', reopen: 'Reopened', assign: 'Assigned' };

/** What a bulk action did, in words: how many changed, and each one that could not, with why. */
export function bulkOutcome(action: BulkActionBody['action'], result: BulkActionResult, rows: ConversationSummary[]): string {
  const name = (id: number) => rows.find((r) => r.id === id)?.name ?? `#${id}`;
  const done = `${DONE[action]} ${result.succeeded} ${result.succeeded === 1 ? 'conversation' : 'conversations'}.`;
  const failed = result.results.filter((r) => !r.ok).map((r) => `"${name(r.id)}": ${r.error?.message ?? 'failed'}`);
  return failed.length ? `${done} Not changed: ${failed.join(' ')}` : done;
}

/** Bulk Close, Reopen and Assign of the grid's selection, with the outcome to show. */
export function useBulkChange(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const run = async (body: BulkActionBody, rows: ConversationSummary[]) => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await backoffice.bulkChange(body);
      setOutcome({ text: bulkOutcome(body.action, result, rows), failed: result.failed > 0 });
      onDone();
      return true;
    } catch (e) {
      setOutcome({ text: toApiError(e).message, failed: true });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, outcome, clear: () => setOutcome(null) };
}
