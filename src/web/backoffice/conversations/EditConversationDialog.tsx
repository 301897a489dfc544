import { useState } from 'react';
import { BLANK, SUBJECT_MAX, tooLongMessage, type ConversationSummary } from '../../../shared/api';
import { CharacterCounter, overLimit } from '../../ui/CharacterCounter';
import { toApiError } from '../../ui/api';
import type { UpdateConversationBody } from '../../ui/apiTypes';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { backoffice, type BackofficeUser } from '../api';
import { useSession } from '../session';
import { Dialog } from '../shell/Dialog';

/** Edit: the Name and the Owner of a conversation. */
export function EditConversationDialog({
  conversation,
  users,
  onClose,
  onSaved,
}: {
  conversation: ConversationSummary;
  users: BackofficeUser[];
  onClose(): void;
  onSaved(c: ConversationSummary): void;
}) {
  const { user, isAdministrator } = useSession();
  const [name, setName] = useState(conversation.name);
  const [ownerId, setOwnerId] = useState<string>(conversation.owner ? String(conversation.owner.id) : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!name.trim()) return setErrors({ name: BLANK });
    if (overLimit(name.length, SUBJECT_MAX)) return setErrors({ name: tooLongMessage(SUBJECT_MAX) });
    const patch: UpdateConversationBody = { name };
    const current = conversation.owner ? String(conversation.owner.id) : '';
    if (ownerId !== current) patch.ownerId = ownerId ? Number(ownerId) : null;
    setBusy(true);
    try {
      onSaved(await backoffice.updateConversation(conversation.id, patch));
    } catch (e) {
      const err = toApiError(e);
      setErrors({ ...err.fields, form: Object.keys(err.fields).length ? '' : err.message });
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Edit ${conversation.name}`} onClose={onClose} onSubmit={() => void submit()} submitLabel="Save" busy={busy}>
      <ErrorAlert>{errors.form}</ErrorAlert>
      <Field id="edit-name" label="Name" error={errors.name}>
        {(control) => (
          <>
            <input {...control} value={name} onChange={(e) => setName(e.target.value)} />
            <CharacterCounter length={name.length} limit={SUBJECT_MAX} />
          </>
        )}
      </Field>
      <Field
        id="edit-owner"
        label="Owner"
        error={errors.ownerId}
        hint={isAdministrator ? undefined : 'You may assign a conversation to yourself.'}
      >
        {(control) => (
          <select {...control} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="" disabled={!isAdministrator}>
              No owner
            </option>
            {users.map((u) => (
              <option key={u.id} value={u.id} disabled={!isAdministrator && u.id !== user.id && String(u.id) !== ownerId}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </Dialog>
  );
}
