// Profiles & Addresses > Conversations: the list and the open conversation
// side by side (one at a time on a narrow screen), ?conversation=ID in the URL.
import { useCallback, useState } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { conversationPath } from '../paths';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';
import { LoadError, Loading } from '../States';
import { usePageTitle } from '../usePageTitle';
import { useUnread } from '../useUnread';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { SearchField, SearchResults, useConversationSearch } from './ConversationSearch';
import { NewConversationDialog } from './NewConversationDialog';
import { useConversationList } from './useConversationList';

export function ConversationsPage() {
  const { user } = useSession();
  const { query } = useLocation();
  const unread = useUnread();
  const [status, setStatus] = useState<'active' | 'closed' | undefined>(undefined);
  const list = useConversationList(status);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const search = useConversationSearch(q, status);
  const searching = q.trim() !== '';
  const [creating, setCreating] = useState(false);
  const selectedId = /^\d+$/.test(query.get('conversation') ?? '') ? Number(query.get('conversation')) : null;
  const selectedName = list.items?.find((c) => c.id === selectedId)?.name;
  usePageTitle(selectedName ? `${selectedName} · Conversations` : 'Conversations');

  const { markedRead } = list;
  const onRead = useCallback(
    (id: number) => {
      markedRead(id);
      unread.refresh();
    },
    [markedRead, unread],
  );

  const { put } = list;
  const started = useCallback(
    (c: ConversationSummary) => {
      setCreating(false);
      put(c);
      navigate(conversationPath(c.id));
    },
    [put],
  );

  if (!user) return null;
  return (
    <div className={`conversations${selectedId ? ' has-selection' : ''}`}>
      <section className="list-column" aria-labelledby="conversations-title">
        <div className="list-head">
          <h1 id="conversations-title">Conversations</h1>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Create Conversation
          </button>
        </div>
        <div className="list-tools">
          <SearchField q={q} setQ={setQ} hits={search.result?.items ?? []} active={active} setActive={setActive} />
          <div className="status-filter" role="group" aria-label="Status">
            {([undefined, 'active', 'closed'] as const).map((s) => (
              <button
                key={s ?? 'all'}
                type="button"
                className="btn btn-small"
                aria-pressed={status === s}
                onClick={() => {
                  setStatus(s);
                  setActive(0);
                }}
              >
                {s === 'active' ? 'Active' : s === 'closed' ? 'Closed' : 'All'}
              </button>
            ))}
          </div>
        </div>
        {searching ? (
          <SearchResults search={search} active={active} selectedId={selectedId} />
        ) : list.error && !list.items ? (
          <LoadError error={list.error} retry={list.refresh} />
        ) : !list.items ? (
          <Loading what="conversations" rows={5} />
        ) : list.items.length === 0 ? (
          <p className="empty">There are no conversations</p>
        ) : (
          <>
            <ConversationList items={list.items} selectedId={selectedId} myId={user.id} />
            {list.nextCursor && (
              <div className="list-more">
                <button type="button" className="btn btn-small" onClick={list.loadMore} disabled={list.loadingMore}>
                  {list.loadingMore ? 'Loading…' : 'Show More'}
                </button>
              </div>
            )}
          </>
        )}
      </section>
      <div className="pane-column">
        {selectedId ? (
          <ConversationPane
            key={selectedId}
            id={selectedId}
            me={user}
            onBack={() => navigate('/conversations')}
            onSummary={list.put}
            onRead={onRead}
            onGone={list.drop}
            onStarted={started}
          />
        ) : (
          <div className="pane-empty">
            <p>Select a conversation to read it, or start a new one with Create Conversation.</p>
          </div>
        )}
      </div>
      {creating && <NewConversationDialog title="New Conversation" onClose={() => setCreating(false)} onCreated={started} />}
    </div>
  );
}
