import { recordTypeLabel, type CommerceRecord, type RecordType } from '../../../shared/api';
import { formatMoney } from '../../ui/money';
import { recordListTitle } from '../../ui/recordPaths';
import { formatDateTime } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { customerPath, customerUserPath, recordListPath, recordPath } from '../paths';
import { Link } from '../router';
import { DetailFrame } from './DetailFrame';
import { RelatedConversations } from './RelatedConversations';
import { SearchList } from './SearchList';

/** Orders, Requests for Quote or Quotes. */
export function RecordsList({ type }: { type: RecordType }) {
  return (
    <SearchList<CommerceRecord>
      key={type}
      title={recordListTitle[type]}
      section="Sales"
      noun={recordTypeLabel[type].toLowerCase()}
      plural={recordListTitle[type].toLowerCase()}
      load={(query) => backoffice.records({ ...query, type })}
      columns={[
        { label: 'Number', render: (r) => <Link to={recordPath(r.type, r.id)}>{r.number}</Link> },
        { label: 'Customer', render: (r) => <Link to={customerPath(r.customer.id)}>{r.customer.name}</Link> },
        { label: 'Customer User', render: (r) => <Link to={customerUserPath(r.customerUser.id)}>{r.customerUser.name}</Link> },
        { label: 'Status', render: (r) => r.status },
        { label: 'Total', render: (r) => formatMoney(r), className: 'cell-num' },
        { label: 'Created At', render: (r) => formatDateTime(r.createdAt), className: 'cell-date' },
      ]}
    />
  );
}

export function RecordView({ type, id }: { type: RecordType; id: number }) {
  const record = useLoad(() => backoffice.record(id), [id]);
  return (
    <DetailFrame
      fetched={record}
      section={{ label: recordListTitle[type], to: recordListPath(type) }}
      title={(r) => r.label}
      details={(r) => [
        ['Status', r.status],
        ['Total', formatMoney(r)],
        ['Customer', <Link to={customerPath(r.customer.id)}>{r.customer.name}</Link>],
        ['Customer User', <Link to={customerUserPath(r.customerUser.id)}>{r.customerUser.name}</Link>],
        ['Created', formatDateTime(r.createdAt)],
        ['Updated', formatDateTime(r.updatedAt)],
      ]}
    >
      {(r) => (
        <div className="panels">
          <RelatedConversations filter={{ recordId: r.id }} startUrl={`/admin/conversations/new?recordId=${r.id}`} />
        </div>
      )}
    </DetailFrame>
  );
}
