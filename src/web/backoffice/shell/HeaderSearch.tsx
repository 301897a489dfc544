// The header's search: as you type, the best conversations and messages,
// customers, customer users and records by number, each a link; ↑/↓ and
// Enter open one, Enter with none chosen opens the Search page, Esc clears.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import '../search/search.css';
import type { SnippetPart } from '../../../shared/search';
import { recordLabel } from '../../../shared/api';
import { Snippet } from '../../ui/Snippet';
import { useDebouncedSearch } from '../../ui/useDebouncedSearch';
import { backoffice } from '../api';
import { conversationPath, customerPath, customerUserPath, recordPath, searchPath } from '../paths';
import { navigate, useLocation } from '../router';

interface Option {
  group: string;
  label: string;
  snippet?: SnippetPart[];
  to: string;
}

async function optionsFor(q: string): Promise<Option[]> {
  const none = { items: [] };
  const [hits, customers, users, records] = await Promise.all([
    backoffice.search(new URLSearchParams({ q, limit: '5' }).toString()),
    backoffice.customers({ q, limit: 3 }).catch(() => none),
    backoffice.customerUsers({ q, limit: 3 }).catch(() => none),
    backoffice.records({ q, limit: 3 }).catch(() => none),
  ]);
  return [
    ...hits.items.map((h) => ({
      group: h.message ? 'Messages' : 'Conversations',
      label: h.conversation.name,
      snippet: h.snippet,
      to: conversationPath(h.conversation.id),
    })),
    ...customers.items.map((c) => ({ group: 'Customers', label: c.name, to: customerPath(c.id) })),
    ...users.items.map((u) => ({ group: 'Customer Users', label: `${u.name} · ${u.email}`, to: customerUserPath(u.id) })),
    ...records.items.map((r) => ({ group: 'Records', label: recordLabel(r.type, r.number), to: recordPath(r.type, r.id) })),
  ];
}

export function HeaderSearch() {
  const listId = useId();
  const { pathname } = useLocation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const words = q.trim();
  const search = useDebouncedSearch(words && open ? words : null, () => optionsFor(words));
  // the last choice is always the Search page with these words
  const options: Option[] = words
    ? [...(search.result ?? []), { group: 'Search', label: `All results for “${words}”`, to: searchPath({ q: words }) }]
    : [];
  useEffect(() => setOpen(false), [pathname]);

  const go = (to: string) => {
    setOpen(false);
    navigate(to);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (e.key === 'Enter' && words) {
      e.preventDefault();
      go(options[active]?.to ?? searchPath({ q: words }));
    } else if (e.key === 'Escape') {
      setQ('');
      setOpen(false);
    }
  };

  return (
    <div className="header-search">
      <input
        type="search"
        role="combobox"
        aria-label="Search"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 && options[active] ? `${listId}-${active}` : undefined}
        placeholder="Search"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && options.length > 0 && (
        <ul className="header-search-list" id={listId} role="listbox" aria-label="Search suggestions">
          {options.map((o, i) => (
            <li
              key={`${o.group}-${o.to}-${i}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                go(o.to);
              }}
            >
              <span className="header-search-group">{o.group}</span>
              <span className="header-search-label">{o.label}</span>
              {o.snippet && (
                <span className="header-search-snippet">
                  <Snippet parts={o.snippet} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
