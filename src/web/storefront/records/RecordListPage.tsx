import { useState } from 'react';
import type { RecordType } from '../../../shared/api';
import { formatMoney } from '../../ui/money';
import { recordListTitle } from '../../ui/recordPaths';
import { formatDate } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { storefront } from '../api';
import { Link } from '../Link';
import { recordPath } from '../paths';
import { useSession } from '../session';
import { LoadError, Loading } from '../States';
import { usePageTitle } from '../usePageTitle';

const PAGE = 25;

export function RecordListPage({ type }: { type: RecordType }) {
  const [offset, setOffset] = useState(0);
  const page = useLoad(() => storefront.records(type, offset, PAGE), [type, offset]);
  const title = recordListTitle[type];
  usePageTitle(title);
  // a customer Administrator also sees the sub-customers' records: say whose each one is
  const { user } = useSession();
  const showCompany = /^administrator$/i.test(user?.role ?? '');

  return (
    <div className="page">
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      {page.error ? (
        <LoadError error={page.error} retry={page.reload} />
      ) : !page.data ? (
        <Loading what={title.toLowerCase()} />
      ) : page.data.items.length === 0 ? (
        <p className="empty">There are no {title.toLowerCase()}.</p>
      ) : (
        <div className="card table-wrap">
          <table className="table records-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Date</th>
                {showCompany && <th scope="col">Company</th>}
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="cell-number">
                    <Link href={recordPath(type, r.id)}>{r.number}</Link>
                  </th>
                  <td className="cell-date">{formatDate(r.createdAt)}</td>
                  {showCompany && <td className="cell-company">{r.customer.name}</td>}
                  <td className="cell-status">
                    <span className="status-pill">{r.status}</span>
                  </td>
                  <td className="num cell-total">{formatMoney(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.data && page.data.total > PAGE && (
        <div className="pager">
          <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, page.data.total)} of {page.data.total}
          </span>
          <button type="button" className="btn" disabled={offset + PAGE >= page.data.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
    </div>
  );
}
