// The Search page's filters, each a query-string parameter of the page's URL
// (so a search is a link): status, customer (with its sub-customers),
// customer user, owner, source type and number, author side, date range,
// messages with files.
import { useEffect, useState } from 'react';
import { recordTypeLabel, type RecordType } from '../../../shared/api';
import { backoffice, type BackofficeUser, type Customer, type CustomerUser } from '../api';
import { CustomerUserPicker } from '../conversations/CustomerUserPicker';

export const FILTER_KEYS = [
  'q',
  'status',
  'customerId',
  'customerUserId',
  'ownerId',
  'sourceType',
  'sourceNumber',
  'authorSide',
  'from',
  'to',
  'hasAttachment',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

interface Props {
  filters: Filters;
  users: BackofficeUser[];
  onChange(key: FilterKey, value: string): void;
}

export function SearchFilters({ filters, users, onChange }: Props) {
  const [customers, setCustomers] = useState<Customer[]>([]);
  const [customerUser, setCustomerUser] = useState<CustomerUser | null>(null);
  useEffect(() => {
    backoffice.customers({ limit: 200 }).then(
      (r) => setCustomers(r.items),
      () => undefined,
    );
  }, []);
  // the URL names the customer user by id; the picker shows them by name
  const customerUserId = filters.customerUserId;
  useEffect(() => {
    if (!customerUserId) return setCustomerUser(null);
    backoffice.customerUser(Number(customerUserId)).then(setCustomerUser, () => setCustomerUser(null));
  }, [customerUserId]);
  const select = (key: FilterKey, label: string, options: [string, string][]) => (
    <div className="filter" key={key}>
      <label htmlFor={`search-${key}`}>{label}</label>
      <select id={`search-${key}`} value={filters[key] ?? ''} onChange={(e) => onChange(key, e.target.value)}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const input = (key: FilterKey, label: string, type: 'text' | 'date') => (
    <div className="filter" key={key}>
      <label htmlFor={`search-${key}`}>{label}</label>
      <input id={`search-${key}`} type={type} value={filters[key] ?? ''} onChange={(e) => onChange(key, e.target.value)} />
    </div>
  );
  return (
    <fieldset className="filters" aria-label="Filters">
      {select('status', 'Status', [
        ['active', 'Active'],
        ['closed', 'Closed'],
      ])}
      {select(
        'customerId',
        'Customer (with sub-customers)',
        customers.map((c) => [String(c.id), c.name]),
      )}
      <div className="filter">
        <label htmlFor="search-customerUserId">Customer User</label>
        <CustomerUserPicker
          id="search-customerUserId"
          value={customerUser}
          onChange={(u) => {
            setCustomerUser(u);
            onChange('customerUserId', u ? String(u.id) : '');
          }}
        />
      </div>
      {select(
        'ownerId',
        'Owner',
        users.map((u) => [String(u.id), u.name]),
      )}
      {select(
        'sourceType',
        'Initiated from (type)',
        (Object.keys(recordTypeLabel) as RecordType[]).map((t) => [t, recordTypeLabel[t]]),
      )}
      {input('sourceNumber', 'Initiated from (number)', 'text')}
      {select('authorSide', 'Written by', [
        ['customer', 'Customer'],
        ['staff', 'Staff'],
      ])}
      {input('from', 'From', 'date')}
      {input('to', 'To', 'date')}
      {select('hasAttachment', 'Attachments', [['true', 'Has attachment']])}
    </fieldset>
  );
}
