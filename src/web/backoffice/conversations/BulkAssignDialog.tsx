import { useState } from 'react';
import type { BackofficeUser } from '../api';
import { useSession } from '../session';
import { Dialog } from '../shell/Dialog';

/** Assign the selected conversations: an Administrator to anyone, anyone else to themselves. */
export function BulkAssignDialog({
  count,
  users,
  busy,
  onAssign,
  onClose,
}: {
  count: number;
  users: BackofficeUser[];
  busy: boolean;
  onAssign(ownerId: number): void;
  onClose(): void;
}) {
  const { user, isAdministrator } = useSession();
  const [ownerId, setOwnerId] = useState(String(user.id));
  const choices = isAdministrator ? users : users.filter((u) => u.id === user.id);
  return (
    <Dialog
      title={`Assign ${count} ${count === 1 ? 'conversation' : 'conversations'}`}
      submitLabel="Assign"
      busy={busy}
      onClose={onClose}
      onSubmit={() => onAssign(Number(ownerId))}
    >
      <div className="field">
        <label htmlFor="bulk-owner">Owner</label>
        <select id="bulk-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          {choices.map((u) => (
            <option key={u.id} value={u.id}>
              {u.id === user.id ? `${u.name} (me)` : u.name}
            </option>
          ))}
        </select>
      </div>
    </Dialog>
  );
}
