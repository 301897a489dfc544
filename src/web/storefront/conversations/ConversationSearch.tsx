// The search box above the conversations list: results as you type, each
// with its excerpt; ↑/↓ move through them, Enter opens one, Esc clears.
import type { KeyboardEvent } from 'react';
import type { SearchHit, SearchPage } from '../../../shared/search';
import { Snippet } from '../../ui/Snippet';
import { formatFull, formatMoment } from '../../ui/time';
import { useDebouncedSearch } from '../../ui/useDebouncedSearch';
import { storefront } from '../api';
import { conversationPath } from '../paths';
import { navigate } from '../router';

type Status = 'active' | 'closed' | undefined;

export function useConversationSearch(q: string, status: Status) {
  const words = q.trim();
  return useDebouncedSearch<SearchPage>(words ? `${status ?? ''}:${words}` : null, () => storefront.search({ q: words, status }));
}

export function SearchField({
  q,
  setQ,
  hits,
  active,
  setActive,
}: {
  q: string;
  setQ: (q: string) => void;
  hits: SearchHit[];
  active: number;
  setActive: (a: number) => void;
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(active + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && hits[active]) {
      e.preventDefault();
      navigate(conversationPath(hits[active].conversation.id));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setQ('');
    }
  };
  return (
    <div className="search-field">
      <input
        type="search"
        role="combobox"
        aria-label="Search conversations"
        aria-expanded={q.trim() !== '' && hits.length > 0}
        aria-controls="search-results"
        aria-autocomplete="list"
        aria-activedescendant={hits[active] ? `search-hit-${active}` : undefined}
        placeholder="Search conversations"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

export function SearchResults({
  search,
  active,
  selectedId,
}: {
  search: ReturnType<typeof useConversationSearch>;
  active: number;
  selectedId: number | null;
}) {
  const page = search.result;
  if (search.error) return <p className="empty">The search failed. Try again.</p>;
  if (!page) return <p className="empty">Searching…</p>;
  if (page.items.length === 0) return <p className="empty">No conversation or message matches</p>;
  return (
    <>
      <p className="search-total" aria-live="polite">
        {page.totalExact ? page.total : `More than ${page.total.toLocaleString('en-US')}`} {page.total === 1 ? 'result' : 'results'}
      </p>
      <ul className="conversation-list search-results" id="search-results" role="listbox" aria-label="Search results">
        {page.items.map((hit, i) => (
          <li
            key={`${hit.kind}-${hit.message?.id ?? hit.conversation.id}`}
            id={`search-hit-${i}`}
            role="option"
            aria-selected={i === active}
            className={`conversation-item search-hit${i === active ? ' is-active' : ''}`}
            aria-current={hit.conversation.id === selectedId ? 'true' : undefined}
            onClick={() => navigate(conversationPath(hit.conversation.id))}
          >
            <span className="conversation-row">
              <span className="conversation-name">{hit.conversation.name}</span>
              <time className="conversation-time" dateTime={hit.at} title={formatFull(hit.at)}>
                {formatMoment(hit.at)}
              </time>
            </span>
            <span className="search-snippet">
              {hit.message?.author && <span className="muted">{hit.message.author}: </span>}
              <Snippet parts={hit.snippet} />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
