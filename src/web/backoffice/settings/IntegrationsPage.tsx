// Settings > Integrations (Administrators): the store's service tokens. A
// new or rotated secret shows once, with a copy button; revoking asks first.
import { useState } from 'react';
import { TOKEN_SCOPES, type ServiceToken, type ServiceTokenWithSecret, type TokenScope } from '../../../shared/integration';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { toApiError, type ApiError } from '../../ui/api';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { useSession } from '../session';
import { ConfirmDialog, Dialog } from '../shell/Dialog';
import { HandoffCard } from './HandoffCard';
import { usePageTitle } from '../shell/usePageTitle';

const STATUS_LABEL: Record<ServiceToken['status'], string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };
const SCOPE_HINT: Record<TokenScope, string> = {
  'directory:write': 'customers, customer users, back-office users',
  'records:write': 'orders, RFQs, quotes',
  'conversations:read': 'read conversations and messages',
  'conversations:write': 'start conversations, post messages',
  'webhooks:manage': 'webhook endpoints',
};

export function IntegrationsPage() {
  usePageTitle('Integrations');
  const { isAdministrator } = useSession();
  const tokens = useLoad(isAdministrator ? () => backoffice.tokens() : null, [isAdministrator]);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ServiceTokenWithSecret | null>(null);
  const [confirm, setConfirm] = useState<{ token: ServiceToken; action: 'revoke' | 'rotate' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (!isAdministrator) {
    return (
      <div className="page">
        <h1>Integrations</h1>
        <p className="empty">Only Administrators manage integrations.</p>
      </div>
    );
  }

  const act = async () => {
    if (!confirm) return;
    setBusy(true);
    setActionError(null);
    try {
      if (confirm.action === 'rotate') setShown(await backoffice.rotateToken(confirm.token.id));
      else await backoffice.revokeToken(confirm.token.id);
      setConfirm(null);
      tokens.reload();
    } catch (e) {
      setActionError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Settings</p>
          <h1>Integrations</h1>
        </div>
        <div className="page-actions">
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Create Token
          </button>
        </div>
      </div>
      <p className="page-intro muted">
        Service tokens let your store call the integration API (<code>/integration/v1</code>) with <code>Authorization: Bearer</code>. Each
        one belongs to no person and can do only what its scopes allow.
      </p>
      {shown ? <SecretShown made={shown} onDone={() => setShown(null)} /> : null}
      <ErrorAlert>{tokens.error ? `Could not load the tokens: ${tokens.error.message}` : null}</ErrorAlert>
      <div className="grid-wrap" aria-busy={tokens.loading}>
        <table className="grid tokens" aria-label="Service tokens">
          <thead>
            <tr>
              <th>Label</th>
              <th>Scopes</th>
              <th className="cell-date">Created</th>
              <th className="cell-date">Last Used</th>
              <th className="cell-date">Expires</th>
              <th>Status</th>
              <th className="cell-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data?.items.map((t) => (
              <tr key={t.id}>
                <td className="cell-name">
                  {t.label}
                  <span className="muted token-prefix">{t.prefix}…</span>
                </td>
                <td>
                  <ul className="scope-list">
                    {t.scopes.map((s) => (
                      <li key={s}>
                        <code>{s}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="cell-date" data-label="Created">
                  {formatDateTime(t.createdAt)}
                  {t.createdBy ? <span className="muted"> by {t.createdBy}</span> : null}
                </td>
                <td className="cell-date" data-label="Last used">
                  {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}
                </td>
                <td className="cell-date" data-label="Expires">
                  {t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'}
                </td>
                <td>
                  <span className={`badge badge-${t.status === 'active' ? 'active' : 'closed'}`}>{STATUS_LABEL[t.status]}</span>
                </td>
                <td className="cell-actions">
                  {t.status !== 'revoked' ? (
                    <div className="token-actions">
                      <button type="button" className="btn btn-small" onClick={() => setConfirm({ token: t, action: 'rotate' })}>
                        Rotate<span className="visually-hidden"> {t.label}</span>
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger-quiet"
                        onClick={() => setConfirm({ token: t, action: 'revoke' })}
                      >
                        Revoke<span className="visually-hidden"> {t.label}</span>
                      </button>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {tokens.data?.items.length === 0 ? <p className="empty">No service tokens yet.</p> : null}
      </div>
      <HandoffCard />
      {creating ? (
        <CreateTokenDialog
          onClose={() => setCreating(false)}
          onCreated={(made) => {
            setCreating(false);
            setShown(made);
            tokens.reload();
          }}
        />
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={confirm.action === 'revoke' ? 'Revoke token?' : 'Rotate token?'}
          message={
            confirm.action === 'revoke'
              ? `“${confirm.token.label}” stops working at once, for every request. This cannot be undone.`
              : `“${confirm.token.label}” gets a new secret; the current one stops working at once.`
          }
          confirmLabel={confirm.action === 'revoke' ? 'Revoke' : 'Rotate'}
          busy={busy}
          error={actionError}
          onConfirm={() => void act()}
          onClose={() => {
            setConfirm(null);
            setActionError(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** The secret, once: copy it now, it is never shown again. */
function SecretShown({ made, onDone }: { made: ServiceTokenWithSecret; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="card secret-card" role="status" aria-labelledby="secret-title">
      <h2 id="secret-title">Token “{made.token.label}” is ready</h2>
      <p>
        <strong>Copy it now: you will not see it again.</strong> Parley keeps only a hash of it.
      </p>
      <div className="secret-row">
        <input className="secret-value" readOnly value={made.secret} aria-label="Token secret" onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            void navigator.clipboard.writeText(made.secret).then(() => setCopied(true));
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

function CreateTokenDialog({ onClose, onCreated }: { onClose(): void; onCreated(made: ServiceTokenWithSecret): void }) {
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      // the end of the chosen day, in the browser's time zone
      const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
      onCreated(await backoffice.createToken({ label, scopes, expiresAt }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (scope: TokenScope) => setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  return (
    <Dialog title="Create Token" submitLabel="Create Token" busy={busy} onClose={onClose} onSubmit={() => void submit()}>
      <Field id="token-label" label="Label" required hint="Who uses it, e.g. “ERP sync”" error={error?.fields.label}>
        {(control) => <input {...control} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} />}
      </Field>
      <fieldset
        className={`field scope-choices${error?.fields.scopes ? ' field-invalid' : ''}`}
        aria-describedby={error?.fields.scopes ? 'token-scopes-error' : undefined}
      >
        <legend>
          Scopes
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        {TOKEN_SCOPES.map((scope) => (
          <label key={scope} className="scope-choice">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
            <code>{scope}</code> <span className="muted">{SCOPE_HINT[scope]}</span>
          </label>
        ))}
        {error?.fields.scopes ? (
          <p id="token-scopes-error" className="field-error">
            {error.fields.scopes}
          </p>
        ) : null}
      </fieldset>
      <Field id="token-expires" label="Expires" hint="Leave empty for a token that does not expire." error={error?.fields.expiresAt}>
        {(control) => <input {...control} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />}
      </Field>
      <ErrorAlert>{error && Object.keys(error.fields).length === 0 ? error.message : null}</ErrorAlert>
    </Dialog>
  );
}
