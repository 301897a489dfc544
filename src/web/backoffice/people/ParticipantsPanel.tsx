import { useState } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { backoffice } from '../api';
import { roleLabel } from '../roles';
import { useBackofficeUsers } from '../conversations/useBackofficeUsers';
import { PeoplePicker, personKey } from './PeoplePicker';
import { useParticipants } from './useParticipants';

/** The conversation's participants (Oro's Context), with Add and Remove; the customer user and the owner always take part. */
export function ParticipantsPanel({ conversation: c }: { conversation: ConversationSummary }) {
  const participants = useParticipants(c.id);
  const staff = useBackofficeUsers();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const items = participants.data?.items ?? [];
  const taken = new Set(items.map((p) => personKey({ kind: p.kind, userId: p.userId })));
  const fixed = (p: (typeof items)[number]) =>
    (p.kind === 'customer_user' && p.userId === c.customerUser.id) || (p.kind === 'backoffice_user' && p.userId === c.owner?.id);

  const change = async (work: () => Promise<{ items: typeof items }>) => {
    setBusy(true);
    setError(null);
    try {
      participants.setData(await work());
    } catch (e) {
      const err = toApiError(e);
      setError(err.fields.userId ?? err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card participants" aria-labelledby="participants-title">
      <h2 id="participants-title">Participants</h2>
      {participants.error ? <ErrorAlert>Could not load the participants: {participants.error.message}</ErrorAlert> : null}
      {!participants.data && !participants.error ? <p className="muted">Loading participants…</p> : null}
      <ul className="participant-list">
        {items.map((p) => (
          <li key={p.id}>
            <span className="participant-name">{p.name}</span>
            <span className="muted">
              {p.kind === 'backoffice_user' ? 'Staff' : 'Customer'} · {roleLabel(p.role)}
            </span>
            {fixed(p) ? null : (
              <button
                type="button"
                className="btn btn-small btn-danger-quiet"
                disabled={busy}
                aria-label={`Remove ${p.name}`}
                onClick={() => void change(() => backoffice.removeParticipant(c.id, p.id))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <label htmlFor="add-participant" className="participants-add-label">
        Add participant
      </label>
      <PeoplePicker
        id="add-participant"
        staff={staff}
        customerId={c.customer.id}
        taken={taken}
        onPick={(who) => void change(() => backoffice.addParticipant(c.id, { kind: who.kind, userId: who.userId }))}
      />
      <ErrorAlert>{error}</ErrorAlert>
    </section>
  );
}
