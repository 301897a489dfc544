// An order, RFQ or quote: its details and the questions asked about it.
import { useEffect, useState } from 'react';
import { recordTypeLabel, type RecordType } from '../../../shared/api';
import { formatMoney } from '../../ui/money';
import { recordListTitle } from '../../ui/recordPaths';
import { formatDate } from '../../ui/time';
import { useLoad } from '../../ui/useLoad';
import { storefront } from '../api';
import { NewConversationDialog } from '../conversations/NewConversationDialog';
import { Link } from '../Link';
import { conversationPath, recordListPath } from '../paths';
import { navigate } from '../router';
import { useSession } from '../session';
import { LoadError, Loading } from '../States';
import { usePageTitle } from '../usePageTitle';
import { QuestionsMenu } from './QuestionsMenu';

export function RecordPage({ type, id }: { type: RecordType; id: number }) {
  const record = useLoad(() => storefront.record(type, id), [type, id]);
  const questions = useLoad(() => storefront.recordConversations(type, id), [type, id]);
  const [asking, setAsking] = useState(false);
  const { user } = useSession();
  const r = record.data;
  // questions are asked about my own customer's records; a sub-customer's people ask about theirs
  const canAsk = r !== undefined && r.customer.id === user?.customer?.id;
  // the store's deep link (/ask?record=…) lands here with ?ask=1: the form, or the Questions list
  const [deepLink] = useState(() => new URLSearchParams(window.location.search).get('ask') === '1');
  const noQuestions = questions.data?.items.length === 0;
  useEffect(() => {
    if (deepLink && canAsk && noQuestions) setAsking(true);
  }, [deepLink, canAsk, noQuestions]);
  usePageTitle(r?.label ?? recordTypeLabel[type]);

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={recordListPath(type)}>{recordListTitle[type]}</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{r?.number ?? '…'}</span>
      </nav>
      {record.error ? (
        <LoadError
          error={record.error}
          retry={record.reload}
          back={{ href: recordListPath(type), label: `Back to ${recordListTitle[type]}` }}
        />
      ) : !r ? (
        <Loading what={recordTypeLabel[type].toLowerCase()} />
      ) : (
        <>
          <div className="page-head">
            <h1>{r.label}</h1>
            <div className="page-actions">
              {questions.data && questions.data.items.length > 0 ? (
                <QuestionsMenu conversations={questions.data.items} onAsk={canAsk ? () => setAsking(true) : undefined} open={deepLink} />
              ) : (
                canAsk && (
                  <button
                    type="button"
                    className="btn btn-primary"
                    onClick={() => setAsking(true)}
                    disabled={!questions.data && !questions.error}
                  >
                    Ask A Question
                  </button>
                )
              )}
            </div>
          </div>
          <section className="card details" aria-labelledby="details-title">
            <h2 id="details-title">{recordTypeLabel[type]} Details</h2>
            <dl className="details-grid">
              <div>
                <dt>Number</dt>
                <dd>{r.number}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>
                  <span className="status-pill">{r.status}</span>
                </dd>
              </div>
              <div>
                <dt>Date</dt>
                <dd>{formatDate(r.createdAt)}</dd>
              </div>
              <div>
                <dt>Total</dt>
                <dd>{formatMoney(r)}</dd>
              </div>
              <div>
                <dt>Company</dt>
                <dd>{r.customer.name}</dd>
              </div>
              <div>
                <dt>Placed By</dt>
                <dd>{r.customerUser.name}</dd>
              </div>
            </dl>
          </section>
          {asking && (
            <NewConversationDialog
              title="Ask A Question"
              subject={r.label}
              recordId={r.id}
              onClose={() => setAsking(false)}
              onCreated={(c) => navigate(conversationPath(c.id))}
            />
          )}
        </>
      )}
    </div>
  );
}
