import { useEffect, useState } from 'react';
import { recordTypeLabel, type RecordType } from '../../../shared/api';
import type { BackofficeUser } from '../api';
import type { FilterKey, GridFilters as Filters } from './gridQuery';

interface Props {
  filters: Filters;
  users: BackofficeUser[];
  onChange(key: FilterKey, value: string, replace?: boolean): void;
  onReset(): void;
}

/** One filter per column: text, number range, select or date range as fits. */
export function GridFilters({ filters, users, onChange, onReset }: Props) {
  const text = (key: FilterKey, label: string) => (
    <TextFilter key={key} id={`filter-${key}`} label={label} value={filters[key] ?? ''} onChange={(v) => onChange(key, v, true)} />
  );
  const date = (key: FilterKey, label: string) => (
    <div className="filter" key={key}>
      <label htmlFor={`filter-${key}`}>{label}</label>
      <input id={`filter-${key}`} type="date" value={filters[key] ?? ''} onChange={(e) => onChange(key, e.target.value)} />
    </div>
  );
  return (
    <fieldset className="filters" aria-label="Filters">
      {text('name', 'Name')}
      <TextFilter
        id="filter-messagesMin"
        label="Messages from"
        type="number"
        value={filters.messagesMin ?? ''}
        onChange={(v) => onChange('messagesMin', v, true)}
      />
      <TextFilter
        id="filter-messagesMax"
        label="Messages to"
        type="number"
        value={filters.messagesMax ?? ''}
        onChange={(v) => onChange('messagesMax', v, true)}
      />
      <div className="filter">
        <label htmlFor="filter-sourceType">Initiated from (type)</label>
        <select id="filter-sourceType" value={filters.sourceType ?? ''} onChange={(e) => onChange('sourceType', e.target.value)}>
          <option value="">Any</option>
          {(Object.keys(recordTypeLabel) as RecordType[]).map((t) => (
            <option key={t} value={t}>
              {recordTypeLabel[t]}
            </option>
          ))}
        </select>
      </div>
      {text('source', 'Initiated from (number)')}
      <div className="filter">
        <label htmlFor="filter-owner">Owner</label>
        <select id="filter-owner" value={filters.owner ?? ''} onChange={(e) => onChange('owner', e.target.value)}>
          <option value="">Any</option>
          <option value="none">No owner</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      {text('customer', 'Customer')}
      {text('customerUser', 'Customer User')}
      <div className="filter">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={filters.status ?? ''} onChange={(e) => onChange('status', e.target.value)}>
          <option value="">Any</option>
          <option value="active">Active</option>
          <option value="closed">Closed</option>
        </select>
      </div>
      {date('createdFrom', 'Created from')}
      {date('createdTo', 'Created to')}
      {date('lastMessageFrom', 'Last message from')}
      {date('lastMessageTo', 'Last message to')}
      <div className="filter filter-checks">
        <label>
          <input type="checkbox" checked={filters.mine === 'true'} onChange={(e) => onChange('mine', e.target.checked ? 'true' : '')} /> I
          take part
        </label>
        <label>
          <input type="checkbox" checked={filters.unread === 'true'} onChange={(e) => onChange('unread', e.target.checked ? 'true' : '')} />{' '}
          Unread only
        </label>
        <label>
          <input
            type="checkbox"
            checked={filters.mentioned === 'true'}
            onChange={(e) => onChange('mentioned', e.target.checked ? 'true' : '')}
          />{' '}
          Mentioned me
        </label>
      </div>
      <div className="filter filter-reset">
        <button type="button" className="btn btn-small" onClick={onReset}>
          Reset filters
        </button>
      </div>
    </fieldset>
  );
}

/** A text filter that waits for a pause in typing before it changes the URL. */
function TextFilter({
  id,
  label,
  value,
  onChange,
  type = 'search',
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  type?: string;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const t = window.setTimeout(() => onChange(draft.trim() === '' ? '' : draft), 350);
    return () => window.clearTimeout(t);
    // onChange is a new function each render, and value moves only through this draft
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} min={type === 'number' ? 0 : undefined} value={draft} onChange={(e) => setDraft(e.target.value)} />
    </div>
  );
}
