// The store's deep link to Ask A Question: /ask?record=order:<the store's id>
// (also rfq:, quote:). It finds the record and opens its page with the
// question form, or the Questions list when it has conversations already.
import { useEffect } from 'react';
import { RecordType, recordTypeLabel } from '../../shared/api';
import { useLoad } from '../ui/useLoad';
import { storefront } from './api';
import { Link } from './Link';
import { recordListPath, recordPath } from './paths';
import { navigate, useLocation } from './router';
import { LoadError, Loading } from './States';
import { usePageTitle } from './usePageTitle';

/** "order:SO-1001" → the type and the store's id; null when it is not one. */
function parseRecord(value: string | null): { type: RecordType; externalId: string } | null {
  const at = value?.indexOf(':') ?? -1;
  if (!value || at < 1) return null;
  const type = RecordType.safeParse(value.slice(0, at));
  const externalId = value.slice(at + 1);
  return type.success && externalId ? { type: type.data, externalId } : null;
}

export function AskPage() {
  usePageTitle('Ask A Question');
  const { query } = useLocation();
  const wanted = parseRecord(query.get('record'));
  const record = useLoad(wanted ? () => storefront.recordByExternalId(wanted.type, wanted.externalId) : null, [
    wanted?.type,
    wanted?.externalId,
  ]);
  const found = record.data;
  useEffect(() => {
    if (found && wanted) navigate(`${recordPath(wanted.type, found.id)}?ask=1`, { replace: true });
  }, [found, wanted]);

  if (!wanted) {
    return (
      <div className="page">
        <h1>Ask A Question</h1>
        <p className="muted">This link does not name an order, RFQ or quote. Open one from your orders to ask about it.</p>
        <p>
          <Link href="/orders">Go to Orders</Link>
        </p>
      </div>
    );
  }
  const label = recordTypeLabel[wanted.type];
  return (
    <div className="page">
      <h1>Ask A Question</h1>
      {record.error ? (
        <>
          {record.error.code === 'RECORD_NOT_FOUND' ? (
            <p className="alert alert-error" role="alert">
              We could not find this {label.toLowerCase()} among yours. It may not have reached Parley yet; try again in a moment.
            </p>
          ) : (
            <LoadError error={record.error} retry={record.reload} />
          )}
          <p>
            <Link href={recordListPath(wanted.type)}>
              See all your {label === 'Request for Quote' ? 'Requests for Quote' : `${label}s`}
            </Link>
          </p>
        </>
      ) : (
        <Loading what={label.toLowerCase()} />
      )}
    </div>
  );
}
