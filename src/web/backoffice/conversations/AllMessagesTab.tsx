import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { markdownToText } from '../../ui/markdown';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
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
  // a new message (lastSeq) refreshes the table
  const result = useLoad(
    () => backoffice.allMessages(conversationId, { text: query, from, to }),
    [conversationId, query, from, to, lastSeq],
  );
  const items = result.data?.items ?? [];

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
                </td>
                <td className="cell-date">{formatDateTime(m.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.data && items.length === 0 ? <p className="empty">No messages match.</p> : null}
      </div>
    </div>
  );
}
