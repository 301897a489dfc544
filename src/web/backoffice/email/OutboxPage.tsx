import { useState } from 'react';
import type { MailState } from '../../../shared/mail';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatShortDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { usePageTitle } from '../shell/usePageTitle';
import { outboxApi } from './emailApi';
import { Skeleton } from '../../ui/chat/Skeleton';

const STATE_LABEL: Record<MailState, string> = { pending: 'Pending', sent: 'Sent', kept: 'Kept (no SMTP server)', failed: 'Failed' };

/** Settings > Email > Outbox: every mail Parley sent, is sending, gave up on, or (without an SMTP server) kept. */
export function OutboxPage() {
  usePageTitle('Outbox');
  const list = useLoad(() => outboxApi.list(), []);
  const [openId, setOpenId] = useState<number | null>(null);
  const open = useLoad(openId === null ? null : () => outboxApi.get(openId), [openId]);
  const items = list.data?.items ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Settings › Email</p>
          <h1>Outbox</h1>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" onClick={list.reload}>
            Refresh
          </button>
        </div>
      </div>
      <p className="muted">
        Without an SMTP server (PARLEY_SMTP_URL) every mail is kept here, so you see what would have been sent. A mail the server refuses is
        tried again and, in the end, shown as failed.
      </p>
      <ErrorAlert>{list.error ? `Could not load the outbox: ${list.error.message}` : null}</ErrorAlert>
      <div className={`grid-wrap${list.loading ? ' is-loading' : ''}`} aria-busy={list.loading}>
        <table className="grid" aria-label="Outbox">
          <thead>
            <tr>
              <th>Subject</th>
              <th>To</th>
              <th>Kind</th>
              <th>Status</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} aria-selected={m.id === openId}>
                <td>
                  <button type="button" className="link-button" onClick={() => setOpenId(m.id)}>
                    {m.subject}
                  </button>
                </td>
                <td>{m.to}</td>
                <td>{m.kind}</td>
                <td>
                  <span className={`mail-state mail-state-${m.state}`}>{STATE_LABEL[m.state]}</span>
                  {m.attempts > 1 || m.lastError ? (
                    <div className="muted">{`${m.attempts} attempts${m.lastError ? `: ${m.lastError}` : ''}`}</div>
                  ) : null}
                </td>
                <td className="cell-date">{formatShortDateTime(m.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && items.length === 0 ? <p className="empty">No mail yet.</p> : null}
        {!list.data && list.loading ? <Skeleton what="the outbox" rows={5} /> : null}
      </div>
      {openId !== null ? (
        <section className="outbox-mail" aria-label="Mail">
          <ErrorAlert>{open.error ? `Could not load the mail: ${open.error.message}` : null}</ErrorAlert>
          {open.data ? (
            <>
              <h2>{open.data.subject}</h2>
              <dl className="outbox-headers">
                <dt>To</dt>
                <dd>{open.data.to}</dd>
                {Object.entries(open.data.headers).map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              <pre className="outbox-text">{open.data.text}</pre>
            </>
          ) : (
            <p className="muted">Loading…</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
