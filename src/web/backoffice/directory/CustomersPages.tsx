import { queryString } from '../../ui/api';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice, type Customer } from '../api';
import { customerPath, customerUserPath } from '../paths';
import { roleLabel } from '../roles';
import { Link } from '../router';
import { DetailFrame } from './DetailFrame';
import { RelatedConversations } from './RelatedConversations';
import { SearchList } from './SearchList';

export function CustomersList() {
  return (
    <SearchList<Customer>
      title="Customers"
      section="Customers"
      noun="customer"
      load={backoffice.customers}
      columns={[
        { label: 'Name', render: (c) => <Link to={customerPath(c.id)}>{c.name}</Link> },
        { label: 'Parent', render: (c) => (c.parent ? <Link to={customerPath(c.parent.id)}>{c.parent.name}</Link> : '—') },
        { label: 'Sales Representative', render: (c) => c.salesRep?.name ?? '—' },
        { label: 'Created At', render: (c) => formatDateTime(c.createdAt), className: 'cell-date' },
      ]}
    />
  );
}

export function CustomerView({ id }: { id: number }) {
  const customer = useLoad(() => backoffice.customer(id), [id]);
  return (
    <DetailFrame
      fetched={customer}
      section={{ label: 'Customers', to: '/admin/customers' }}
      title={(c) => c.name}
      details={(c) => [
        ['Parent customer', c.parent ? <Link to={customerPath(c.parent.id)}>{c.parent.name}</Link> : null],
        ['Sales Representative', c.salesRep?.name],
        ['Created', formatDateTime(c.createdAt)],
      ]}
    >
      {(c) => (
        <div className="panels">
          <RelatedConversations filter={{ customerId: c.id }} startUrl={`/admin/conversations/new${queryString({ customerId: c.id })}`} />
          <CustomerUsersOf customerId={c.id} />
        </div>
      )}
    </DetailFrame>
  );
}

function CustomerUsersOf({ customerId }: { customerId: number }) {
  const users = useLoad(() => backoffice.customerUsers({ customerId, limit: 200 }), [customerId]);
  return (
    <section className="card related" aria-labelledby="customer-users-title">
      <div className="card-head">
        <h2 id="customer-users-title">Customer Users</h2>
      </div>
      {users.data?.items.length === 0 ? <p className="empty">No customer users.</p> : null}
      <ul className="related-list">
        {users.data?.items.map((u) => (
          <li key={u.id} className="related-line">
            <Link to={customerUserPath(u.id)}>{u.name}</Link>
            <span className="muted">
              {u.email} · {roleLabel(u.role)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
