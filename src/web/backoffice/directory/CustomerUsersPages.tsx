import { recordTypeLabel } from '../../../shared/api';
import { formatMoney } from '../../ui/money';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice, type CustomerUser } from '../api';
import { customerPath, customerUserPath, recordPath } from '../paths';
import { roleLabel } from '../roles';
import { Link } from '../router';
import { DetailFrame } from './DetailFrame';
import { RelatedConversations } from './RelatedConversations';
import { SearchList } from './SearchList';

export function CustomerUsersList() {
  return (
    <SearchList<CustomerUser>
      title="Customer Users"
      section="Customers"
      noun="customer user"
      load={backoffice.customerUsers}
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
  const user = useLoad(() => backoffice.customerUser(id), [id]);
  const records = useLoad(() => backoffice.records({ customerUserId: id, limit: 200 }), [id]);
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
                    {recordTypeLabel[r.type]} · {r.status} · {formatMoney(r)}
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
