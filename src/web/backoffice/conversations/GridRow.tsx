import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import type { ApiError } from '../../ui/api';
import { api, type BackofficeUser } from '../api';
import { conversationPath, customerPath, customerUserPath, recordPath } from '../directory/recordPaths';
import { formatDateTime, formatShortDateTime } from '../format';
import { markdownToText } from '../../ui/markdown';
import { formatDate } from '../../ui/time';
import { useDropdown } from '../shell/useDropdown';
import { Link } from '../router';
import { useSession } from '../session';
import { StatusBadge } from './StatusBadge';

interface Props {
  row: ConversationSummary;
  users: BackofficeUser[];
  selected: boolean;
  onSelect(selected: boolean): void;
  onUpdated(row: ConversationSummary): void;
  onEdit(): void;
  onDelete(): void;
}

export function GridRow({ row, users, selected, onSelect, onUpdated, onEdit, onDelete }: Props) {
  const { isAdministrator } = useSession();
  const unread = row.unreadCount > 0;
  return (
    <tr className={selected ? 'row-selected' : undefined}>
      {isAdministrator ? (
        <td className="cell-check">
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${row.name}`} />
        </td>
      ) : null}
      <td className="cell-name">
        <InlineName row={row} onUpdated={onUpdated} />
      </td>
      <td className="cell-num">{row.messagesCount}</td>
      <td>{row.source ? <Link to={recordPath(row.source.type, row.source.id)}>{row.source.label}</Link> : <span className="muted">—</span>}</td>
      <td>
        <InlineOwner row={row} users={users} onUpdated={onUpdated} />
      </td>
      <td>
        <Link to={customerPath(row.customer.id)}>{row.customer.name}</Link>
      </td>
      <td>
        <Link to={customerUserPath(row.customerUser.id)}>{row.customerUser.name}</Link>
      </td>
      <td>
        <StatusBadge status={row.status} />
      </td>
      <td className="cell-date" title={formatDateTime(row.createdAt)}>
        {formatDate(row.createdAt)}
      </td>
      <td className={`cell-last${unread ? ' unread' : ''}`} title={row.lastMessage ? markdownToText(row.lastMessage.preview) : undefined}>
        {row.lastMessage ? (
          <>
            <time className="cell-last-date" dateTime={row.lastMessage.createdAt}>{formatShortDateTime(row.lastMessage.createdAt)}</time> <span className="muted-inline">from</span>{' '}
            {row.lastMessage.authorName ?? 'System'}
            {unread ? <span className="visually-hidden"> (unread)</span> : null}
          </>
        ) : (
          <span className="muted">No messages</span>
        )}
      </td>
      <td className="cell-actions">
        <RowActions row={row} onEdit={onEdit} onDelete={isAdministrator ? onDelete : null} />
      </td>
    </tr>
  );
}

function useSave(row: ConversationSummary, onUpdated: (r: ConversationSummary) => void, done: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (patch: { name?: string; ownerId?: number | null }) => {
    setBusy(true);
    try {
      onUpdated(await api.send<ConversationSummary>('PATCH', `/conversations/${row.id}`, patch));
      setError(null);
      done();
    } catch (e) {
      const err = e as ApiError;
      setError(err.fields.name ?? err.fields.ownerId ?? err.message);
    } finally {
      setBusy(false);
    }
  };
  return { save, error, busy, clearError: () => setError(null) };
}

/** The Name cell: a link, and a pencil that turns it into an input (Enter saves, Escape cancels). */
function InlineName({ row, onUpdated }: { row: ConversationSummary; onUpdated(r: ConversationSummary): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(row.name);
  const { save, error, busy, clearError } = useSave(row, onUpdated, () => setEditing(false));
  if (!editing) {
    return (
      <span className="inline-view">
        <Link to={conversationPath(row.id)} className={row.unreadCount > 0 ? 'unread' : undefined}>
          {row.name}
        </Link>
        <button type="button" className="icon-btn" aria-label={`Rename ${row.name}`} onClick={() => (setDraft(row.name), clearError(), setEditing(true))}>
          ✎
        </button>
      </span>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    void save({ name: draft });
  };
  return (
    <form className="inline-edit" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
      <input aria-label={`Name of ${row.name}`} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus maxLength={255} aria-invalid={!draft.trim() || !!error} />
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        Save
      </button>
      <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {!draft.trim() || error ? <span className="field-error">{error ?? 'This value should not be blank.'}</span> : null}
    </form>
  );
}

/** The Owner cell: a select that saves when changed. */
function InlineOwner({ row, users, onUpdated }: { row: ConversationSummary; users: BackofficeUser[]; onUpdated(r: ConversationSummary): void }) {
  const { user, isAdministrator } = useSession();
  const [editing, setEditing] = useState(false);
  const { save, error, busy } = useSave(row, onUpdated, () => setEditing(false));
  if (!editing) {
    return (
      <span className="inline-view">
        {row.owner ? row.owner.name : <span className="muted">No owner</span>}
        <button type="button" className="icon-btn" aria-label={`Change owner of ${row.name}`} onClick={() => setEditing(true)}>
          ✎
        </button>
      </span>
    );
  }
  return (
    <span className="inline-edit" onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
      <select
        aria-label={`Owner of ${row.name}`}
        autoFocus
        disabled={busy}
        value={row.owner?.id ?? ''}
        onChange={(e) => void save({ ownerId: e.target.value ? Number(e.target.value) : null })}
      >
        {/* a Sales Manager may only take a conversation himself */}
        <option value="" disabled={!isAdministrator}>
          No owner
        </option>
        {users.map((u) => (
          <option key={u.id} value={u.id} disabled={!isAdministrator && u.id !== user.id && u.id !== row.owner?.id}>
            {u.name}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </span>
  );
}

/** View, Edit and (Administrators) Delete, behind one button so the grid stays narrow. */
function RowActions({ row, onEdit, onDelete }: { row: ConversationSummary; onEdit(): void; onDelete: (() => void) | null }) {
  const { open, setOpen, close, rootRef } = useDropdown<HTMLDivElement>();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<{ top: number; right: number } | null>(null);
  const menuId = `row-actions-${row.id}`;
  // the grid scrolls sideways, which would clip an absolutely placed menu:
  // place it on the viewport, under its button, and follow the button on scroll
  const place = useCallback(() => {
    const r = buttonRef.current?.getBoundingClientRect();
    if (r) setAt({ top: r.bottom + 4, right: window.innerWidth - r.right });
  }, []);
  const toggle = () => {
    place();
    setOpen(!open);
  };
  useEffect(() => {
    if (!open) return;
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open, place]);
  const pick = (action: () => void) => () => {
    close();
    action();
  };
  return (
    <div className="dropdown row-actions" ref={rootRef}>
      <button ref={buttonRef} type="button" className="btn btn-small btn-quiet" aria-expanded={open} aria-controls={menuId} aria-label={`Actions for ${row.name}`} onClick={toggle}>
        <span aria-hidden="true">•••</span>
      </button>
      {open ? (
        <ul className="dropdown-panel menu-list row-menu" id={menuId} style={at ? { position: 'fixed', top: at.top, right: at.right } : undefined}>
          <li>
            <Link to={conversationPath(row.id)} onClick={close}>
              View
            </Link>
          </li>
          <li>
            <button type="button" onClick={pick(onEdit)}>
              Edit
            </button>
          </li>
          {onDelete ? (
            <li>
              <button type="button" className="menu-danger" onClick={pick(onDelete)}>
                Delete
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
