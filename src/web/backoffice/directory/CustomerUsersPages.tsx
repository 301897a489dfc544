import { recordTypeLabel, type CommerceRecord } from '../../../shared/api';
import type { CustomerUser, ListOf } from '../api';
import { formatDateTime, money, roleLabel } from '../format';
import { Link } from '../router';
import { useFetch } from '../useFetch';
import { DetailFrame } from './DetailFrame';
import { customerPath, customerUserPath, recordPath } from '../paths';
import { RelatedConversations } from './RelatedConversations';
import { SearchList } from './SearchList';

export function CustomerUsersList() {
  return (
    <SearchList<CustomerUser>
      title="Customer Users"
      section="Customers"
      noun="customer user"
      endpoint="/customer-users"
      columns={[
        { label: 'Name', render: (u) => <Link to={customerUserPath(u.id)}>{u.deleted ? 'Deleted user' : u.name}</Link> },
        { label: 'Email', render: (u) => u.email },
        { label: 'Customer', render: (u) => <Link to={customerPath(u.customer.id)}>{u.customer.name}</Link> },
        { label: 'Role', render: (u) => roleLabel(u.role) },
      ]}
    />
  );
}

export function CustomerUserView({ id }: { id: number }) {
  const user = useFetch<CustomerUser>(`/customer-users/${id}`);
  const records = useFetch<ListOf<CommerceRecord>>(`/records?customerUserId=${id}&limit=200`);
  return (
    <DetailFrame
      fetched={user}
      section={{ label: 'Customer Users', to: '/admin/customer-users' }}
      title={(u) => (u.deleted ? 'Deleted user' : u.name)}
      details={(u) => [
        ['Email', u.email],
        ['Customer', <Link to={customerPath(u.customer.id)}>{u.customer.name}</Link>],
        ['Role', roleLabel(u.role)],
        ['Created', formatDateTime(u.createdAt)],
      ]}
    >
      {(u) => (
        <div className="panels">
          <RelatedConversations filter={{ customerUserId: u.id }} startUrl={`/admin/conversations/new?customerUserId=${u.id}`} />
          <section className="card related" aria-labelledby="records-title">
            <div className="card-head">
              <h2 id="records-title">Orders, RFQs and Quotes</h2>
            </div>
            {records.data?.items.length === 0 ? <p className="empty">No records.</p> : null}
            <ul className="related-list">
              {records.data?.items.map((r) => (
                <li key={r.id} className="related-line">
                  <Link to={recordPath(r.type, r.id)}>{r.label}</Link>
                  <span className="muted">
                    {recordTypeLabel[r.type]} · {r.status} · {money(r.total, r.currency)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </DetailFrame>
  );
}
