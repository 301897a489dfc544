// Who of the customer takes part in the open conversation, with Add colleague
// (an Administrator's customer tree, a Buyer's own customer) and Remove, each
// told in the thread. Hidden when PARLEY_STOREFRONT_PARTICIPANTS=off.
import { useEffect, useId, useState } from 'react';
import { toApiError } from '../../ui/api';
import { ComboboxField, useCombobox } from '../../ui/combobox';
import { useLoad } from '../../ui/useLoad';
import { storefront, type Colleague } from '../api';
import { useLiveRefresh } from '../live';

const keyOf = (c: Colleague) => String(c.id);

interface Props {
  conversationId: number;
  /** the customer user who started it: always takes part */
  starterId: number;
}

/** Each change's system message reaches the thread live, like any message. */
export function ColleaguesPanel({ conversationId, starterId }: Props) {
  const people = useLoad(() => storefront.participants(conversationId), [conversationId]);
  useLiveRefresh(people.reload);
  const [error, setError] = useState<string | null>(null);
  const data = people.data;
  if (!data?.mayChange) return null;

  const change = async (write: () => ReturnType<typeof storefront.participants>) => {
    setError(null);
    try {
      people.setData(await write());
    } catch (e) {
      const err = toApiError(e);
      setError(err.fields.customerUserId ?? err.message);
    }
  };

  return (
    <details className="colleagues">
      <summary>People · {data.items.length}</summary>
      <ul className="colleague-list" aria-label="Taking part">
        {data.items.map((p) => (
          <li key={p.id}>
            <span className="colleague-name">{p.name}</span>
            {p.userId !== starterId ? (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={`Remove ${p.name}`}
                onClick={() => void change(() => storefront.removeColleague(conversationId, p.id))}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ColleagueSearch
        taken={new Set(data.items.map((p) => p.userId))}
        onPick={(c) => void change(() => storefront.addColleague(conversationId, c.id))}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </details>
  );
}

/** Add colleague: type a name, pick with arrows and Enter. */
function ColleagueSearch({ taken, onPick }: { taken: ReadonlySet<number>; onPick(c: Colleague): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Colleague[]>([]);
  const options = found.filter((c) => !taken.has(c.id));
  const box = useCombobox(options, keyOf, (c) => {
    onPick(c);
    setText('');
  });
  const open = box.open;
  useEffect(() => {
    if (!open) return;
    let current = true;
    const t = window.setTimeout(() => {
      storefront.colleagues(text.trim()).then(
        (r) => current && setFound(r.items),
        () => undefined,
      );
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(t);
    };
  }, [text, open]);

  return (
    <div className="colleague-search">
      <label htmlFor={id}>Add colleague</label>
      <ComboboxField
        box={box}
        id={id}
        text={text}
        onText={setText}
        placeholder="Search your colleagues"
        label="Colleagues"
        className="menu-list colleague-options"
        options={options}
        keyOf={keyOf}
        render={(c) => (
          <>
            <span>{c.name}</span> <span className="muted">{c.customer.name}</span>
          </>
        )}
      />
    </div>
  );
}
