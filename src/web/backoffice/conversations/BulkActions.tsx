import { useState } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import type { BackofficeUser } from '../api';
import { BulkAssignDialog } from './BulkAssignDialog';
import { useBulkChange } from './useBulkChange';

/**
 * Close, Reopen and Assign the selected rows, beside Delete selected; what
 * each did stays on screen until dismissed (the selection is gone by then).
 */
export function BulkActions({ rows, users, onDone }: { rows: ConversationSummary[]; users: BackofficeUser[]; onDone(): void }) {
  const [assigning, setAssigning] = useState(false);
  const bulk = useBulkChange(onDone);
  const ids = rows.map((r) => r.id);
  const run = (action: 'close' | 'reopen') => void bulk.run({ action, ids }, rows);
  return (
    <>
      {rows.length > 0 ? (
        <div className="bulk-actions" role="group" aria-label="Selected conversations">
          <button type="button" className="btn btn-small" disabled={bulk.busy} onClick={() => run('close')}>
            Close selected ({rows.length})
          </button>
          <button type="button" className="btn btn-small" disabled={bulk.busy} onClick={() => run('reopen')}>
            Reopen selected ({rows.length})
          </button>
          <button type="button" className="btn btn-small" disabled={bulk.busy} onClick={() => setAssigning(true)}>
            Assign selected ({rows.length})…
          </button>
        </div>
      ) : null}
      {bulk.outcome ? (
        <div className={`alert ${bulk.outcome.failed ? 'alert-error' : 'alert-success'} bulk-outcome`} role="status">
          {bulk.outcome.text}{' '}
          <button type="button" className="btn btn-small btn-quiet" onClick={bulk.clear}>
            Dismiss
          </button>
        </div>
      ) : null}
      {assigning ? (
        <BulkAssignDialog
          count={rows.length}
          users={users}
          busy={bulk.busy}
          onClose={() => setAssigning(false)}
          onAssign={(ownerId) => void bulk.run({ action: 'assign', ids, ownerId }, rows).then(() => setAssigning(false))}
        />
      ) : null}
    </>
  );
}
