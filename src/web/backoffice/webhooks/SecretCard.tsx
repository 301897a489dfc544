import { useState } from 'react';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { formatShortDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { Dialog } from '../shell/Dialog';
import { webhooksApi } from './webhooksApi';

const MASK = 'whsec_••••••••••••••••••••••••';

/** The signing secret: hidden until asked, copied in one click, rotated with an overlap (a day unless changed). */
export function SecretCard({ endpointId }: { endpointId: number }) {
  const secret = useLoad(() => webhooksApi.secret(endpointId), [endpointId]);
  const [shown, setShown] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');

  const copy = async () => {
    if (!secret.data) return;
    try {
      await navigator.clipboard.writeText(secret.data.secret);
      setNote('Copied.');
    } catch {
      setShown(true);
      setNote('Select the secret and copy it.');
    }
  };
  const [rotating, setRotating] = useState(false);
  const [hours, setHours] = useState('24');
  const rotate = async () => {
    const overlapMinutes = Math.round(Number(hours) * 60);
    if (!Number.isFinite(overlapMinutes) || overlapMinutes < 0 || overlapMinutes > 7 * 24 * 60) return setError('Choose 0 to 168 hours.');
    try {
      secret.setData(await webhooksApi.rotate(endpointId, { overlapMinutes }));
      setShown(true);
      setNote(overlapMinutes > 0 ? `Rotated: the previous secret also signs for ${hours} hours.` : 'Rotated: only the new secret signs.');
      setError('');
    } catch (e) {
      setError(toApiError(e).message);
    }
    setRotating(false);
  };

  return (
    <section className="card secret-card" aria-labelledby="secret-title">
      <div className="card-head">
        <h2 id="secret-title">Signing secret</h2>
        <button type="button" className="btn btn-small" onClick={() => setRotating(true)}>
          Rotate
        </button>
      </div>
      <div className="secret-body">
        <ErrorAlert>{secret.error?.message ?? error}</ErrorAlert>
        <div className="secret-line">
          <code className="secret" aria-label="Secret">
            {secret.data ? (shown ? secret.data.secret : MASK) : '…'}
          </code>
          <button type="button" className="btn btn-small" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
            {shown ? 'Hide' : 'Show'}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        {secret.data?.previous ? (
          <p className="muted">The previous secret also signs until {formatShortDateTime(secret.data.previous.until)}.</p>
        ) : null}
        <p className="muted" role="status">
          {note}
        </p>
      </div>
      {rotating ? (
        <Dialog title="Rotate the secret" submitLabel="Rotate" onClose={() => setRotating(false)} onSubmit={() => void rotate()}>
          <p>
            A new secret signs from now on. The current one keeps signing beside it meanwhile, so that your receiver can switch without
            losing a delivery.
          </p>
          <Field id="rotate-hours" label="Overlap (hours)" hint="0 to 168; 0 stops the current secret at once.">
            {(control) => <input {...control} type="number" min={0} max={168} value={hours} onChange={(e) => setHours(e.target.value)} />}
          </Field>
        </Dialog>
      ) : null}
    </section>
  );
}
