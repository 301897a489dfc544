import { useEffect, useState, type FormEvent } from 'react';
import { BLANK, MESSAGE_MAX, SUBJECT_MAX, tooLongMessage } from '../../../shared/api';
import { CharacterCounter, overLimit } from '../../ui/CharacterCounter';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { useLoad } from '../../ui/useLoad';
import { AttachButton, AttachmentTray } from '../../ui/AttachmentTray';
import { attachPasted, useAttachmentDrafts } from '../../ui/useAttachmentDrafts';
import { api, backoffice, type CustomerUser } from '../api';
import { conversationPath } from '../paths';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';
import { usePageTitle } from '../shell/usePageTitle';
import { PeoplePicker, personKey, type Person } from '../people/PeoplePicker';
import { CustomerUserPicker } from './CustomerUserPicker';
import { useBackofficeUsers } from './useBackofficeUsers';
import { Skeleton } from '../../ui/chat/Skeleton';

/**
 * Create Conversation. Start Conversation on a customer user or record page
 * opens it with ?customerUserId= or ?recordId=, pre-filled from them.
 */
export function CreateConversationPage() {
  const { user, isAdministrator } = useSession();
  const { params } = useLocation();
  const presetRecord = Number(params.get('recordId')) || null;
  const presetUser = Number(params.get('customerUserId')) || null;
  const customerId = Number(params.get('customerId')) || null;
  const users = useBackofficeUsers();
  usePageTitle('Create Conversation');

  const [name, setName] = useState('');
  const [customerUser, setCustomerUser] = useState<CustomerUser | null>(null);
  const [recordId, setRecordId] = useState<string>('');
  const [ownerId, setOwnerId] = useState<string>(String(user.id));
  const [message, setMessage] = useState('');
  // files for the first message, uploaded as they are chosen
  const drafts = useAttachmentDrafts(api);
  const [people, setPeople] = useState<Person[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // 'loading', 'ready', or what went wrong pre-filling the form
  const [preset, setPreset] = useState<string>(presetRecord || presetUser ? 'loading' : 'ready');

  const records = useLoad(customerUser ? () => backoffice.records({ customerUserId: customerUser.id, limit: 200 }) : null, [
    customerUser?.id,
  ]);

  useEffect(() => {
    const load = async () => {
      if (presetRecord) {
        const record = await backoffice.record(presetRecord);
        setCustomerUser(await backoffice.customerUser(record.customerUser.id));
        setRecordId(String(record.id));
        setName(record.label);
      } else if (presetUser) {
        setCustomerUser(await backoffice.customerUser(presetUser));
      }
    };
    load().then(
      () => setPreset('ready'),
      (e: unknown) => setPreset(toApiError(e).message),
    );
  }, [presetRecord, presetUser]);

  const pickRecord = (id: string) => {
    const previous = records.data?.items.find((r) => String(r.id) === recordId);
    const next = records.data?.items.find((r) => String(r.id) === id);
    // the name follows the record until the user writes their own
    if (next && (!name.trim() || name === previous?.label)) setName(next.label);
    setRecordId(id);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = BLANK;
    else if (overLimit(name.length, SUBJECT_MAX)) missing.name = tooLongMessage(SUBJECT_MAX);
    if (!customerUser) missing.customerUserId = BLANK;
    if (overLimit(message.length, MESSAGE_MAX)) missing.message = tooLongMessage(MESSAGE_MAX);
    if (drafts.uploading) missing.message = 'Wait for the files to finish uploading.';
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const created = await backoffice.createConversation({
        name,
        customerUserId: customerUser!.id,
        recordId: recordId ? Number(recordId) : null,
        ownerId: ownerId ? Number(ownerId) : null,
        ...(message.trim() ? { message } : {}),
        ...(drafts.ready.length ? { attachmentIds: drafts.ready.map((a) => a.id) } : {}),
        ...(people.length ? { participants: people.map(({ kind, userId }) => ({ kind, userId })) } : {}),
      });
      navigate(conversationPath(created.conversation.id));
    } catch (error) {
      const err = toApiError(error);
      setErrors({ ...err.fields, form: Object.keys(err.fields).length ? '' : err.message });
      setBusy(false);
    }
  };

  if (preset === 'loading') return <Skeleton what="the form" />;

  return (
    <div className="page page-narrow">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Activities › Conversations</p>
          <h1>Create Conversation</h1>
        </div>
      </div>
      <ErrorAlert>{preset !== 'ready' ? <>Could not pre-fill the form: {preset}</> : null}</ErrorAlert>
      <form className="card form" onSubmit={submit} noValidate>
        <ErrorAlert>{errors.form}</ErrorAlert>
        <Field id="create-name" label="Name" error={errors.name} required>
          {(control) => (
            <>
              {/* the first field has focus on load; over the limit is refused with a message, not cut */}
              <input {...control} autoFocus value={name} onChange={(e) => setName(e.target.value)} />
              <CharacterCounter length={name.length} limit={SUBJECT_MAX} />
            </>
          )}
        </Field>
        <Field id="create-customerUserId" label="Customer User" error={errors.customerUserId}>
          {(control) => (
            <CustomerUserPicker
              id={control.id}
              value={customerUser}
              onChange={(u) => {
                setCustomerUser(u);
                setRecordId('');
                // "This value should not be blank." goes once someone is picked
                if (u) setErrors(({ customerUserId: _, ...rest }) => rest);
              }}
              invalid={!!control['aria-invalid']}
              describedBy={control['aria-describedby']}
              customerId={customerId}
            />
          )}
        </Field>
        <Field
          id="create-recordId"
          label="Initiated from"
          error={errors.recordId}
          hint={customerUser ? undefined : 'Choose a customer user to see their orders, RFQs and quotes.'}
        >
          {(control) => (
            <select {...control} value={recordId} onChange={(e) => pickRecord(e.target.value)} disabled={!customerUser}>
              <option value="">None</option>
              {records.data?.items.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label} · {r.status}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="create-ownerId" label="Owner" error={errors.ownerId}>
          {(control) => (
            <select {...control} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">No owner</option>
              {users.map((u) => (
                // as when editing, a Sales Manager assigns only himself
                <option key={u.id} value={u.id} disabled={!isAdministrator && u.id !== user.id}>
                  {u.name}
                  {u.id === user.id ? ' (me)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="create-participants"
          label="Participants"
          error={errors.participants ?? errors.userId}
          hint="Staff and the customer's users who take part from the start; the customer user and the owner always do."
        >
          {(control) => (
            <div className="people-field">
              {people.length ? (
                <ul className="chips" aria-label="Chosen participants">
                  {people.map((p) => (
                    <li key={personKey(p)} className="chip">
                      {p.name}
                      <button
                        type="button"
                        className="chip-remove"
                        aria-label={`Remove ${p.name}`}
                        onClick={() => setPeople(people.filter((q) => personKey(q) !== personKey(p)))}
                      >
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <PeoplePicker
                id={control.id}
                staff={users}
                customerId={customerUser?.customer.id ?? null}
                taken={
                  new Set([
                    ...people.map(personKey),
                    // they take part anyway
                    ...(customerUser ? [personKey({ kind: 'customer_user', userId: customerUser.id })] : []),
                    ...(ownerId ? [personKey({ kind: 'backoffice_user', userId: Number(ownerId) })] : []),
                  ])
                }
                onPick={(p) => setPeople([...people, p])}
                describedBy={control['aria-describedby']}
              />
            </div>
          )}
        </Field>
        <Field id="create-message" label="First message (optional)" error={errors.message ?? errors.attachmentIds}>
          {(control) => (
            <>
              <textarea {...control} rows={4} value={message} onChange={(e) => setMessage(e.target.value)} onPaste={attachPasted(drafts)} />
              <CharacterCounter length={message.length} limit={MESSAGE_MAX} />
              <AttachmentTray drafts={drafts} />
            </>
          )}
        </Field>
        <div className="form-actions">
          <AttachButton drafts={drafts} />
          <button type="button" className="btn" onClick={() => window.history.back()}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create Conversation'}
          </button>
        </div>
      </form>
    </div>
  );
}
