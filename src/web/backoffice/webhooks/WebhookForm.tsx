import { useState } from 'react';
import { eventTypes, type EventType } from '../../../shared/events';
import { webhookAudience } from '../../../shared/webhooks';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field } from '../../ui/Field';
import { useLoad } from '../../ui/useLoad';
import { Link, navigate } from '../router';
import { usePageTitle } from '../shell/usePageTitle';
import { webhookPath, webhooksApi, webhooksPath, type WebhookEndpoint } from './webhooksApi';
import { Skeleton } from '../../ui/chat/Skeleton';

/** Add Endpoint (no id) or Edit: URL, description, the event types as checkboxes, active. */
export function WebhookFormPage({ id }: { id?: number }) {
  const existing = useLoad(id ? () => webhooksApi.get(id) : null, [id]);
  if (id && !existing.data) {
    return (
      <div className="page">{existing.error ? <ErrorAlert>{existing.error.message}</ErrorAlert> : <Skeleton what="the endpoint" />}</div>
    );
  }
  return <WebhookForm endpoint={existing.data} />;
}

function WebhookForm({ endpoint }: { endpoint: WebhookEndpoint | undefined }) {
  const title = endpoint ? 'Edit Endpoint' : 'Add Endpoint';
  usePageTitle(title);
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [types, setTypes] = useState<EventType[]>(
    endpoint ? eventTypes.filter((t) => endpoint.eventTypes.includes(t)) : ['message.created'],
  );
  const [active, setActive] = useState(endpoint?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const toggle = (type: EventType, on: boolean) => setTypes((t) => (on ? [...t, type] : t.filter((x) => x !== type)));

  const save = async () => {
    setBusy(true);
    const body = { url, description, eventTypes: types, active };
    try {
      const saved = endpoint ? await webhooksApi.update(endpoint.id, body) : await webhooksApi.create(body);
      navigate(webhookPath(saved.id));
    } catch (e) {
      const err = toApiError(e);
      const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.startsWith('eventTypes') ? 'eventTypes' : k, v]));
      setErrors({ ...fields, form: Object.keys(fields).length ? '' : err.message });
      setBusy(false);
    }
  };

  return (
    <div className="page page-narrow">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to={webhooksPath}>Webhooks</Link>
          </p>
          <h1>{title}</h1>
        </div>
      </div>
      <form
        className="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <ErrorAlert>{errors.form}</ErrorAlert>
        <Field
          id="webhook-url"
          label="URL"
          required
          error={errors.url}
          hint="Where Parley posts the events: an https:// URL of your system."
        >
          {(control) => <input {...control} type="url" value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        <Field id="webhook-description" label="Description" error={errors.description}>
          {(control) => <input {...control} value={description} maxLength={255} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <fieldset
          className={`checks${errors.eventTypes ? ' field-invalid' : ''}`}
          aria-describedby={errors.eventTypes ? 'webhook-types-error' : undefined}
        >
          <legend>Event types</legend>
          {eventTypes.map((type) => (
            <label key={type} className="check">
              <input type="checkbox" checked={types.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
              <code>{type}</code>
              {webhookAudience[type] === 'staff' ? <span className="muted"> (staff only)</span> : null}
            </label>
          ))}
          {errors.eventTypes ? (
            <p id="webhook-types-error" className="field-error">
              {errors.eventTypes}
            </p>
          ) : null}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
        </label>
        <div className="form-actions">
          <Link to={endpoint ? webhookPath(endpoint.id) : webhooksPath} className="btn">
            Cancel
          </Link>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {endpoint ? 'Save' : 'Add Endpoint'}
          </button>
        </div>
      </form>
    </div>
  );
}
