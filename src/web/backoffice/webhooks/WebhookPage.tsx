import { useState } from 'react';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatFull } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { Link, navigate } from '../router';
import { Dialog } from '../shell/Dialog';
import { usePageTitle } from '../shell/usePageTitle';
import { DeliveryLog } from './DeliveryLog';
import { SecretCard } from './SecretCard';
import { EndpointStatus } from './WebhookBadges';
import { webhookPath, webhooksApi, webhooksPath } from './webhooksApi';
import { Skeleton } from '../../ui/chat/Skeleton';

/** One endpoint: what it receives, why it was disabled, its secret, Send test event, and its delivery log. */
export function WebhookPage({ id }: { id: number }) {
  const endpoint = useLoad(() => webhooksApi.get(id), [id]);
  const [logVersion, setLogVersion] = useState(0);
  const [error, setError] = useState('');
  const [deleting, setDeleting] = useState(false);
  const e = endpoint.data;
  usePageTitle(e ? `Webhook ${e.url}` : 'Webhook');

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError('');
    } catch (err) {
      setError(toApiError(err).message);
    }
  };
  const sendTest = () => act(() => webhooksApi.sendTest(id).then(() => setLogVersion((v) => v + 1)));
  const setActive = (active: boolean) => act(() => webhooksApi.update(id, { active }).then((saved) => endpoint.setData(saved)));
  const remove = () => act(() => webhooksApi.remove(id).then(() => navigate(webhooksPath)));

  if (!e) {
    return (
      <div className="page">
        {endpoint.error ? (
          <ErrorAlert>{endpoint.error.status === 404 ? 'This endpoint does not exist.' : endpoint.error.message}</ErrorAlert>
        ) : null}
        {endpoint.loading ? <Skeleton what="the endpoint" /> : <Link to={webhooksPath}>Back to Webhooks</Link>}
      </div>
    );
  }
  return (
    <div className="page webhook-page">
      <div className="page-head">
        <div className="page-title">
          <p className="breadcrumb">
            <Link to={webhooksPath}>Webhooks</Link>
          </p>
          <h1>
            {e.url} <EndpointStatus endpoint={e} />
          </h1>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => void sendTest()}>
            Send test event
          </button>
          <Link to={`${webhookPath(id)}/edit`} className="btn">
            Edit
          </Link>
          <button type="button" className="btn" onClick={() => void setActive(!e.active)}>
            {e.active ? 'Deactivate' : 'Activate'}
          </button>
          <button type="button" className="btn btn-danger-quiet" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>
      <ErrorAlert>{error}</ErrorAlert>
      {e.disabledReason ? (
        <div className="alert alert-error" role="status">
          {e.disabledReason}
        </div>
      ) : null}
      <dl className="details card">
        <div>
          <dt>Events</dt>
          <dd>{e.eventTypes.join(', ')}</dd>
        </div>
        <div>
          <dt>Description</dt>
          <dd>{e.description || <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatFull(e.createdAt)}</dd>
        </div>
      </dl>
      <div className="webhook-panels">
        <SecretCard endpointId={id} />
        <DeliveryLog endpointId={id} version={logVersion} />
      </div>
      {deleting ? (
        <Dialog title="Delete this endpoint?" submitLabel="Delete" danger onClose={() => setDeleting(false)} onSubmit={() => void remove()}>
          <p>Parley stops sending to {e.url} and forgets its delivery log.</p>
        </Dialog>
      ) : null}
    </div>
  );
}
