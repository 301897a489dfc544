import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { markdownToText } from '../../ui/markdown';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import type { AllMessagesPage, Message } from '../../../shared/api';
import { api, backoffice } from '../api';
import { MessageAttachments } from '../../ui/MessageAttachments';
import { NoteLabel } from './ChatThread';
import { authorLabel } from './MessageAuthor';

/** All messages: one table row per message, filtered by text and date. */
export function AllMessagesTab({ conversationId, lastSeq }: { conversationId: number; lastSeq: number }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(t);
  }, [text]);
  // a new message (lastSeq) refreshes the table, from its first page
  const result = useLoad(
    () => backoffice.allMessages(conversationId, { text: query, from, to }),
    [conversationId, query, from, to, lastSeq],
  );
  // the pages after the first, loaded with Show more
  const [later, setLater] = useState<{ of: AllMessagesPage; items: Message[]; nextAfter: number | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const first = result.data;
  const more = later && later.of === first ? later : null;
  const items = [...(first?.items ?? []), ...(more?.items ?? [])];
  const nextAfter = more ? more.nextAfter : (first?.nextAfter ?? null);
  const showMore = () => {
    if (!first || nextAfter === null) return;
    setLoadingMore(true);
    setMoreError(null);
    backoffice.allMessages(conversationId, { text: query, from, to, after: nextAfter }).then(
      (page) => {
        setLater({ of: first, items: [...(more?.items ?? []), ...page.items], nextAfter: page.nextAfter });
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreError(error instanceof Error ? error.message : String(error));
        setLoadingMore(false);
      },
    );
  };

  return (
    <div className="all-messages">
      <div className="filters filters-row" role="group" aria-label="Filter messages">
        <div className="filter">
          <label htmlFor="all-text">Text</label>
          <input id="all-text" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor="all-from">Created from</label>
          <input id="all-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor="all-to">Created to</label>
          <input id="all-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      <ErrorAlert>{result.error ? <>Could not load the messages: {result.error.message}</> : null}</ErrorAlert>
      <div className={`grid-wrap${result.loading ? ' is-loading' : ''}`}>
        <table className="grid" aria-label="All messages">
          <thead>
            <tr>
              <th className="cell-num">Number</th>
              <th>From</th>
              <th>Message</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} className={m.type === 'system' ? 'row-system' : m.type === 'note' ? 'row-note' : undefined}>
                <td className="cell-num">{m.seq}</td>
                <td>{authorLabel(m)}</td>
                <td className="cell-message">
                  {m.type === 'note' ? (
                    <>
                      <NoteLabel />{' '}
                    </>
                  ) : null}
                  {markdownToText(m.body)}
                  <MessageAttachments attachments={m.attachments} base={api.base} />
                </td>
                <td className="cell-date">{formatDateTime(m.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.data && items.length === 0 ? <p className="empty">No messages match.</p> : null}
      </div>
      <ErrorAlert>{moreError ? <>Could not load more messages: {moreError}</> : null}</ErrorAlert>
      {nextAfter !== null ? (
        <div className="grid-more">
          <button type="button" className="btn" onClick={showMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Show more'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
