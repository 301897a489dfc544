import { Fragment, useEffect, useState } from 'react';
import { toApiError } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatShortDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { LastDelivery } from './WebhookBadges';
import { webhooksApi, type WebhookDelivery } from './webhooksApi';

const REFRESH_MS = 2000;

/** The endpoint's deliveries, newest first, each with its attempts; read again while any is pending. */
export function DeliveryLog({ endpointId, version }: { endpointId: number; version: number }) {
  const log = useLoad(() => webhooksApi.deliveries(endpointId), [endpointId, version]);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState('');
  const items = log.data?.items ?? [];
  const pending = items.some((d) => d.state === 'pending');
  const { reload } = log;
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(reload, REFRESH_MS);
    return () => window.clearTimeout(timer);
  }, [pending, log.data, reload]);

  const redeliver = async (d: WebhookDelivery) => {
    try {
      await webhooksApi.redeliver(endpointId, d.id);
      setError('');
      reload();
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  return (
    <section className="card delivery-log" aria-labelledby="log-title">
      <div className="card-head">
        <h2 id="log-title">Delivery log</h2>
        <button type="button" className="btn btn-small" onClick={reload}>
          Refresh
        </button>
      </div>
      <ErrorAlert>{log.error?.message ?? error}</ErrorAlert>
      <div className="grid-wrap log-wrap">
        <table className="grid" aria-label="Deliveries">
          <thead>
            <tr>
              <th>Event</th>
              <th>Status</th>
              <th className="cell-num">Attempts</th>
              <th className="cell-num">Duration</th>
              <th>Last attempt</th>
              <th className="cell-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => {
              const last = d.attempts.at(-1);
              return (
                <Fragment key={d.id}>
                  <tr>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={open === d.id}
                        onClick={() => setOpen(open === d.id ? null : d.id)}
                      >
                        <code>{d.eventType}</code>
                      </button>
                      {d.kind !== 'event' ? <span className="muted"> ({d.kind})</span> : null}
                    </td>
                    <td>
                      <LastDelivery state={d.state} status={last?.status ?? null} />
                    </td>
                    <td className="cell-num">{d.attempts.length}</td>
                    <td className="cell-num">{last ? `${last.durationMs} ms` : '—'}</td>
                    <td className="cell-date">{last ? formatShortDateTime(last.at) : <span className="muted">Waiting</span>}</td>
                    <td className="cell-actions">
                      {d.state !== 'pending' ? (
                        <button type="button" className="btn btn-small" onClick={() => void redeliver(d)}>
                          Redeliver
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {open === d.id ? (
                    <tr className="attempts-row">
                      <td colSpan={6}>
                        <p className="muted">
                          webhook-id <code>{d.messageId}</code>
                          {d.nextAttemptAt ? ` · next attempt ${formatShortDateTime(d.nextAttemptAt)}` : ''}
                        </p>
                        <ol className="attempts">
                          {d.attempts.map((a) => (
                            <li key={a.id}>
                              <strong>{a.status ?? 'No answer'}</strong> in {a.durationMs} ms, {formatShortDateTime(a.at)}
                              {a.error && a.status === null ? <span className="field-error"> {a.error}</span> : null}
                              {a.response ? <pre className="attempt-response">{a.response}</pre> : null}
                            </li>
                          ))}
                        </ol>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        {log.data && items.length === 0 ? <p className="empty">Nothing sent yet. Send a test event to try the endpoint.</p> : null}
      </div>
    </section>
  );
}
