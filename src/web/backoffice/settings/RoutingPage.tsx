// Settings > Routing (Administrators): who owns a conversation a customer
// starts when neither its customer nor a parent customer has a sales representative.
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { toApiError } from '../../ui/api';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { useBackofficeUsers } from '../conversations/useBackofficeUsers';
import { useSession } from '../session';
import { usePageTitle } from '../shell/usePageTitle';
import { Skeleton } from '../../ui/chat/Skeleton';

export function RoutingPage() {
  usePageTitle('Routing');
  const { isAdministrator } = useSession();
  const settings = useLoad(() => backoffice.routing(), []);
  const users = useBackofficeUsers();
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const current = choice ?? String(settings.data?.defaultOwner?.id ?? '');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      settings.setData(await backoffice.setRouting({ defaultOwnerId: current ? Number(current) : null }));
      setSaved(true);
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError.fields.defaultOwnerId ?? apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page-narrow">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Settings</p>
          <h1>Routing</h1>
        </div>
      </div>
      <ErrorAlert>{settings.error ? <>Could not load the routing: {settings.error.message}</> : null}</ErrorAlert>
      {!settings.data && !settings.error ? <Skeleton what="the settings" /> : null}
      {settings.data ? (
        <form className="card form" onSubmit={save} noValidate>
          <p className="muted form-intro">
            A conversation a customer starts goes to the customer&apos;s sales representative, or to the nearest parent customer&apos;s.
            When there is none, it goes to the default owner; without one it stays unassigned.
          </p>
          <Field id="routing-owner" label="Default owner" error={error ?? undefined}>
            {(control) => (
              <select {...control} value={current} disabled={!isAdministrator} onChange={(e) => setChoice(e.target.value)}>
                <option value="">Nobody (unassigned)</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {isAdministrator ? (
            <div className="form-actions">
              {saved ? (
                <p role="status" className="muted">
                  Saved.
                </p>
              ) : null}
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Save
              </button>
            </div>
          ) : (
            <p className="muted">Only Administrators change the routing.</p>
          )}
        </form>
      ) : null}
    </div>
  );
}
