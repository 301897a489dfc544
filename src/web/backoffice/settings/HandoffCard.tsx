// Settings > Integrations: how the store hands its signed-in customers over
// (GET /sso with a JWT): HS256 with a shared secret, or RS256/ES256 against
// the store's JWKS, the audience the token must name, and the store's own
// sign-in page for Parley's storefront to link back to.
import { useEffect, useState } from 'react';
import type { HandoffMethod, HandoffSettings } from '../../../shared/handoff';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { toApiError, type ApiError } from '../../ui/api';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';

const METHODS: { value: HandoffMethod; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'hs256', label: 'HS256 with a shared secret' },
  { value: 'jwks', label: 'RS256 / ES256 against the store’s JWKS' },
];
const SIGN_IN_LABEL: Record<HandoffSettings['signIn'], string> = {
  both: 'with a password or through the store',
  handoff: 'only through the store (the password form is hidden)',
  password: 'only with a password (the handoff is refused)',
};

export function HandoffCard() {
  const loaded = useLoad(() => backoffice.handoff(), []);
  const [form, setForm] = useState({ method: 'off' as HandoffMethod, audience: '', jwksUrl: '', storeUrl: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const s = loaded.data;
  useEffect(() => {
    if (s) setForm({ method: s.method, audience: s.audience, jwksUrl: s.jwksUrl ?? '', storeUrl: s.storeUrl ?? '' });
  }, [s]);

  const run = async (work: () => Promise<HandoffSettings>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      loaded.setData(await work());
      setSaved(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(() =>
      backoffice.saveHandoff({
        method: form.method,
        audience: form.audience,
        jwksUrl: form.jwksUrl || null,
        storeUrl: form.storeUrl || null,
      }),
    );
  const newSecret = (value?: string) =>
    run(async () => {
      const made = await backoffice.setHandoffSecret(value);
      setSecret(value ? null : made.secret);
      setPasted('');
      return made.settings;
    });

  return (
    <section className="card handoff-card" aria-labelledby="handoff-title">
      <h2 id="handoff-title">Sign-in from the store</h2>
      <p className="muted">
        Your store sends its signed-in customers to <code>/sso?token=…&amp;return=…</code> with a JWT that lives at most 5 minutes, names
        the customer user’s externalId in <code>sub</code>, has a unique <code>jti</code> and this <code>aud</code>.
        {s ? ` The storefront signs in ${SIGN_IN_LABEL[s.signIn]} (PARLEY_STOREFRONT_SIGNIN).` : ''}
      </p>
      <ErrorAlert>{loaded.error ? `Could not load the setup: ${loaded.error.message}` : null}</ErrorAlert>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <fieldset className="scope-choices">
          <legend>Signature</legend>
          {METHODS.map((m) => (
            <label key={m.value} className="scope-choice">
              <input
                type="radio"
                name="handoff-method"
                value={m.value}
                checked={form.method === m.value}
                onChange={() => setForm((f) => ({ ...f, method: m.value }))}
              />{' '}
              {m.label}
            </label>
          ))}
        </fieldset>
        <Field id="handoff-audience" label="Audience (aud)" required error={error?.fields.audience}>
          {(control) => <input {...control} value={form.audience} onChange={(e) => setForm((f) => ({ ...f, audience: e.target.value }))} />}
        </Field>
        {form.method === 'jwks' ? (
          <Field
            id="handoff-jwks"
            label="JWKS URL"
            required
            hint="Where the store publishes its public keys."
            error={error?.fields.jwksUrl}
          >
            {(control) => (
              <input {...control} type="url" value={form.jwksUrl} onChange={(e) => setForm((f) => ({ ...f, jwksUrl: e.target.value }))} />
            )}
          </Field>
        ) : null}
        <Field
          id="handoff-store-url"
          label="Store sign-in page"
          hint="Linked from Parley’s sign-in page as “Go to the Store”."
          error={error?.fields.storeUrl}
        >
          {(control) => (
            <input {...control} type="url" value={form.storeUrl} onChange={(e) => setForm((f) => ({ ...f, storeUrl: e.target.value }))} />
          )}
        </Field>
        <ErrorAlert>{error && Object.keys(error.fields).length === 0 ? error.message : null}</ErrorAlert>
        <p role="status" className="muted">
          {saved ? 'Saved.' : s?.updatedAt ? `Last changed ${formatDateTime(s.updatedAt)}.` : ''}
        </p>
        <button type="submit" className="btn btn-primary" disabled={busy || !s}>
          Save
        </button>
      </form>
      {form.method === 'hs256' ? (
        <div className="handoff-secret">
          <h3>Shared secret</h3>
          <p>{s?.secretPrefix ? `A secret is set (${s.secretPrefix}).` : 'No secret is set yet: tokens are refused until one is.'}</p>
          {secret ? (
            <div className="secret-card card" role="status">
              <p>
                <strong>Copy it now and give it to your store: you will not see it again.</strong>
              </p>
              <input className="secret-value" readOnly value={secret} aria-label="Shared secret" onFocus={(e) => e.target.select()} />
            </div>
          ) : null}
          <div className="secret-row">
            <button type="button" className="btn" disabled={busy} onClick={() => void newSecret()}>
              Generate Secret
            </button>
          </div>
          <Field id="handoff-paste" label="Or paste the store’s secret" hint="At least 32 characters." error={error?.fields.secret}>
            {(control) => (
              <input {...control} type="password" autoComplete="off" value={pasted} onChange={(e) => setPasted(e.target.value)} />
            )}
          </Field>
          <button type="button" className="btn" disabled={busy || !pasted} onClick={() => void newSecret(pasted)}>
            Save Secret
          </button>
        </div>
      ) : null}
    </section>
  );
}
