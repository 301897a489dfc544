import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatShortDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { Link } from '../router';
import { usePageTitle } from '../shell/usePageTitle';
import { EndpointStatus, LastDelivery } from './WebhookBadges';
import { webhookPath, webhooksApi, webhooksPath } from './webhooksApi';
import { Skeleton } from '../../ui/chat/Skeleton';

/** Settings > Webhooks: every endpoint, its events, whether it is active, and how its newest delivery went. */
export function WebhooksPage() {
  usePageTitle('Webhooks');
  const list = useLoad(() => webhooksApi.list(), []);
  const items = list.data?.items ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Settings</p>
          <h1>Webhooks</h1>
        </div>
        <div className="page-actions">
          <Link to={`${webhooksPath}/new`} className="btn btn-primary">
            Add Endpoint
          </Link>
        </div>
      </div>
      <p className="muted webhooks-intro">
        Parley posts the events you choose to each endpoint, signed by the Standard Webhooks specification, and retries for 24 hours.
      </p>
      <ErrorAlert>{list.error ? `Could not load the endpoints: ${list.error.message}` : null}</ErrorAlert>
      <div className={`grid-wrap${list.loading ? ' is-loading' : ''}`} aria-busy={list.loading}>
        <table className="grid" aria-label="Webhook endpoints">
          <thead>
            <tr>
              <th>URL</th>
              <th>Events</th>
              <th>Status</th>
              <th>Last delivery</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="cell-url">
                  <Link to={webhookPath(e.id)}>{e.url}</Link>
                  {e.description ? <div className="muted">{e.description}</div> : null}
                </td>
                <td className="cell-events">{e.eventTypes.join(', ')}</td>
                <td>
                  <EndpointStatus endpoint={e} />
                </td>
                <td className="cell-date">
                  {e.lastDelivery ? (
                    <>
                      <LastDelivery state={e.lastDelivery.state} status={e.lastDelivery.status} />{' '}
                      {e.lastDelivery.at ? <span className="muted">{formatShortDateTime(e.lastDelivery.at)}</span> : null}
                    </>
                  ) : (
                    <span className="muted">None yet</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && items.length === 0 ? <p className="empty">No endpoints yet.</p> : null}
        {!list.data && list.loading ? <Skeleton what="the endpoints" /> : null}
      </div>
    </div>
  );
}
