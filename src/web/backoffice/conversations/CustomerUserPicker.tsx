import { useEffect, useId, useState } from 'react';
import { backoffice, type CustomerUser } from '../api';
import { comboboxKeyDown } from '../shell/comboboxKeys';

interface Props {
  id: string;
  value: CustomerUser | null;
  onChange(user: CustomerUser | null): void;
  invalid?: boolean;
  describedBy?: string | undefined;
  /** only this customer's users (Start Conversation on a customer's page) */
  customerId?: number | null;
}

/** A searchable Customer User field (ARIA combobox): type a name, email or company, pick with arrows and Enter. */
export function CustomerUserPicker({ id, value, onChange, invalid, describedBy, customerId }: Props) {
  const listId = useId();
  const [text, setText] = useState(value ? label(value) : '');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<CustomerUser[]>([]);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);

  useEffect(() => setText(value ? label(value) : ''), [value]);

  useEffect(() => {
    if (!open) return;
    const q = value && text === label(value) ? '' : text.trim();
    let current = true;
    setLoading(true);
    const t = window.setTimeout(() => {
      backoffice.customerUsers({ limit: 20, q, customerId: customerId ?? undefined }).then(
        (r) => {
          if (!current) return;
          setOptions(r.items.filter((u) => !u.deleted));
          setActive(0);
          setLoading(false);
        },
        () => current && setLoading(false),
      );
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(t);
    };
  }, [text, open, value, customerId]);

  const choose = (u: CustomerUser) => {
    onChange(u);
    setText(label(u));
    setOpen(false);
  };

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? `${listId}-${options[active].id}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder="Search by name, email or customer"
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onKeyDown={(e) => comboboxKeyDown(e, { open, setOpen, options, active, setActive }, choose)}
      />
      {open ? (
        <ul className="combobox-list" role="listbox" id={listId} aria-label="Customer users">
          {options.map((u, i) => (
            <li
              key={u.id}
              id={`${listId}-${u.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'option-active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(u)}
            >
              <span>{u.name}</span>
              <span className="muted">
                {u.email} · {u.customer.name}
              </span>
            </li>
          ))}
          {!loading && options.length === 0 ? (
            <li className="combobox-empty" role="option" aria-disabled="true" aria-selected="false">
              No customer user matches.
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

const label = (u: CustomerUser) => `${u.name} (${u.customer.name})`;
