import type { WebhookDelivery, WebhookEndpoint } from './webhooksApi';

export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.active) return <span className="badge badge-active">Active</span>;
  return <span className="badge badge-closed">{endpoint.disabledReason ? 'Disabled' : 'Inactive'}</span>;
}

/** "Delivered · 200", "Failed · 500", "Pending": a delivery's state and the last status it got. */
export function LastDelivery({ state, status }: { state: WebhookDelivery['state']; status: number | null }) {
  const label = { delivered: 'Delivered', failed: 'Failed', pending: 'Pending' }[state];
  const tone = { delivered: 'badge-active', failed: 'badge-closed', pending: 'badge-pending' }[state];
  return (
    <span className={`badge ${tone}`}>
      {label}
      {status !== null ? ` · ${status}` : ''}
    </span>
  );
}
