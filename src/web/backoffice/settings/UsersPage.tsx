// Settings > Users (Administrators): the staff, invitations, roles,
// deactivation and password resets. A new set-password or reset link is
// mailed, and shown here once while email is not set up.
import { useState } from 'react';
import type { PasswordLink, StaffUser } from '../../../shared/accounts';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { toApiError, type ApiError } from '../../ui/api';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { useSession } from '../session';
import { ConfirmDialog, Dialog } from '../shell/Dialog';
import { usePageTitle } from '../shell/usePageTitle';

const ROLE_LABEL: Record<StaffUser['role'], string> = { administrator: 'Administrator', sales_manager: 'Sales Manager' };

export function UsersPage() {
  usePageTitle('Users');
  const { isAdministrator, user: me } = useSession();
  const staff = useLoad(isAdministrator ? () => backoffice.staff() : null, [isAdministrator]);
  const [inviting, setInviting] = useState(false);
  const [shown, setShown] = useState<{ name: string; purpose: 'invite' | 'reset'; link: PasswordLink } | null>(null);
  const [confirm, setConfirm] = useState<StaffUser | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (!isAdministrator) {
    return (
      <div className="page">
        <h1>Users</h1>
        <p className="empty">Only Administrators manage users.</p>
      </div>
    );
  }

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await work();
      staff.reload();
      return true;
    } catch (e) {
      setActionError(toApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Settings</p>
          <h1>Users</h1>
        </div>
        <div className="page-actions">
          <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
            Invite User
          </button>
        </div>
      </div>
      <p className="page-intro muted">
        The people of your company who use the back-office. Administrators manage settings and users; Sales Managers answer customers.
      </p>
      {shown ? <LinkShown {...shown} onDone={() => setShown(null)} /> : null}
      <ErrorAlert>{staff.error ? `Could not load the users: ${staff.error.message}` : (!confirm && actionError) || null}</ErrorAlert>
      <div className="grid-wrap" aria-busy={staff.loading}>
        <table className="grid staff" aria-label="Users">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th className="cell-date">Created</th>
              <th className="cell-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.data?.items.map((u) => {
              const self = u.id === me.id;
              return (
                <tr key={u.id}>
                  <td className="cell-name">
                    {u.name}
                    {self ? <span className="muted"> (you)</span> : null}
                  </td>
                  <td data-label="Email">{u.email}</td>
                  <td data-label="Role">
                    {self ? (
                      ROLE_LABEL[u.role]
                    ) : (
                      <select
                        aria-label={`Role of ${u.name}`}
                        value={u.role}
                        disabled={busy}
                        onChange={(e) => void run(() => backoffice.updateStaff(u.id, { role: e.target.value as StaffUser['role'] }))}
                      >
                        <option value="sales_manager">Sales Manager</option>
                        <option value="administrator">Administrator</option>
                      </select>
                    )}
                  </td>
                  <td data-label="Status">
                    <span className={`badge badge-${u.active ? 'active' : 'closed'}`}>{u.active ? 'Active' : 'Deactivated'}</span>
                    {u.active && u.invited ? <span className="muted"> No password yet</span> : null}
                  </td>
                  <td className="cell-date" data-label="Created">
                    {formatDateTime(u.createdAt)}
                  </td>
                  <td className="cell-actions">
                    {self ? null : (
                      <div className="token-actions">
                        {u.active ? (
                          <>
                            <button
                              type="button"
                              className="btn btn-small"
                              disabled={busy}
                              onClick={() =>
                                void run(async () =>
                                  setShown({ name: u.name, purpose: 'reset', link: await backoffice.staffPasswordReset(u.id) }),
                                )
                              }
                            >
                              Send Password Reset<span className="visually-hidden"> to {u.name}</span>
                            </button>
                            <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => setConfirm(u)}>
                              Deactivate<span className="visually-hidden"> {u.name}</span>
                            </button>
                          </>
                        ) : (
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={busy}
                            onClick={() => void run(() => backoffice.updateStaff(u.id, { active: true }))}
                          >
                            Reactivate<span className="visually-hidden"> {u.name}</span>
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {inviting ? (
        <InviteDialog
          onClose={() => setInviting(false)}
          onInvited={(made) => {
            setInviting(false);
            setShown({ name: made.user.name, purpose: 'invite', link: made.link });
            staff.reload();
          }}
        />
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title="Deactivate user?"
          message={`${confirm.name} is signed out everywhere at once and cannot sign in until reactivated. Their conversations and messages stay.`}
          confirmLabel="Deactivate"
          busy={busy}
          error={actionError}
          onConfirm={() => void run(() => backoffice.updateStaff(confirm.id, { active: false })).then((done) => done && setConfirm(null))}
          onClose={() => {
            setConfirm(null);
            setActionError(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** A new set-password or reset link: mailed; while no mail really leaves, shown once for the Administrator to pass on. */
function LinkShown({ name, purpose, link, onDone }: { name: string; purpose: 'invite' | 'reset'; link: PasswordLink; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  const title = purpose === 'invite' ? `${name} is invited` : `Password reset link for ${name}`;
  if (link.delivered || !link.url)
    return (
      <section className="card secret-card" role="status" aria-labelledby="link-title">
        <h2 id="link-title">{title}</h2>
        <p>
          A mail with the link is on its way to {name}. It works once, until {formatDateTime(link.expiresAt)}.
        </p>
        <div className="secret-row">
          <button type="button" className="btn" onClick={onDone}>
            Done
          </button>
        </div>
      </section>
    );
  const url = new URL(link.url, window.location.origin).href;
  return (
    <section className="card secret-card" role="status" aria-labelledby="link-title">
      <h2 id="link-title">{title}</h2>
      <p>
        <strong>Email is not set up yet, so this link’s mail waits in Settings &gt; Email &gt; Outbox.</strong> Copy the link and send it to{' '}
        {name} yourself. It works once, until {formatDateTime(link.expiresAt)}, and is not shown again.
      </p>
      <div className="secret-row">
        <input className="secret-value" readOnly value={url} aria-label="Link" onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            void navigator.clipboard.writeText(url).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}

function InviteDialog({ onClose, onInvited }: { onClose(): void; onInvited(made: { user: StaffUser; link: PasswordLink }): void }) {
  const [form, setForm] = useState({ email: '', firstName: '', lastName: '', role: 'sales_manager' as StaffUser['role'] });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onInvited(await backoffice.inviteStaff(form));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Invite User" submitLabel="Invite" busy={busy} onClose={onClose} onSubmit={() => void submit()}>
      <Field id="invite-email" label="Email" required error={error?.fields.email}>
        {(control) => <input {...control} type="email" value={form.email} onChange={set('email')} maxLength={255} />}
      </Field>
      <Field id="invite-first-name" label="First Name" required error={error?.fields.firstName}>
        {(control) => <input {...control} value={form.firstName} onChange={set('firstName')} maxLength={100} />}
      </Field>
      <Field id="invite-last-name" label="Last Name" required error={error?.fields.lastName}>
        {(control) => <input {...control} value={form.lastName} onChange={set('lastName')} maxLength={100} />}
      </Field>
      <Field id="invite-role" label="Role" required error={error?.fields.role}>
        {(control) => (
          <select {...control} value={form.role} onChange={set('role')}>
            <option value="sales_manager">Sales Manager</option>
            <option value="administrator">Administrator</option>
          </select>
        )}
      </Field>
      <ErrorAlert>{error && Object.keys(error.fields).length === 0 ? error.message : null}</ErrorAlert>
    </Dialog>
  );
}
