import { useEffect, useId, useState } from 'react';
import type { ParticipantChoice } from '../../../shared/api';
import { backoffice, type BackofficeUser, type CustomerUser } from '../api';
import { roleLabel } from '../roles';
import { comboboxKeyDown } from '../shell/comboboxKeys';

/** Someone to add: who they are, and their name and what they are, to show. */
export interface Person extends ParticipantChoice {
  name: string;
  detail: string;
}

export const personKey = (p: ParticipantChoice) => `${p.kind}:${p.userId}`;

const fromStaff = (u: BackofficeUser): Person => ({ kind: 'backoffice_user', userId: u.id, name: u.name, detail: roleLabel(u.role) });
const fromCustomerUser = (u: CustomerUser): Person => ({
  kind: 'customer_user',
  userId: u.id,
  name: u.name,
  detail: `${u.customer.name} · ${roleLabel(u.role)}`,
});

interface Props {
  id: string;
  /** the back-office users, to search among as one types */
  staff: BackofficeUser[];
  /** whose customer users are offered (none: staff only) */
  customerId: number | null;
  /** already chosen or taking part: not offered */
  taken: ReadonlySet<string>;
  onPick(person: Person): void;
  describedBy?: string | undefined;
}

/** A searchable people field (ARIA combobox) over staff and the customer's users: type a name, pick with arrows and Enter. */
export function PeoplePicker({ id, staff, customerId, taken, onPick, describedBy }: Props) {
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [customerUsers, setCustomerUsers] = useState<Person[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!open || customerId === null) return setCustomerUsers([]);
    let current = true;
    const t = window.setTimeout(() => {
      backoffice.customerUsers({ limit: 20, q: text.trim(), customerId }).then(
        (r) => current && setCustomerUsers(r.items.filter((u) => !u.deleted).map(fromCustomerUser)),
        () => undefined,
      );
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(t);
    };
  }, [text, open, customerId]);

  const needle = text.trim().toLowerCase();
  const options = [...staff.map(fromStaff).filter((p) => p.name.toLowerCase().includes(needle)), ...customerUsers].filter(
    (p) => !taken.has(personKey(p)),
  );
  const choose = (p: Person) => {
    onPick(p);
    setText('');
    setActive(0);
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
        aria-activedescendant={open && options[active] ? `${listId}-${personKey(options[active])}` : undefined}
        aria-describedby={describedBy}
        placeholder="Search staff and the customer's users"
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={(e) => comboboxKeyDown(e, { open, setOpen, options, active, setActive }, choose)}
      />
      {open ? (
        <ul className="combobox-list" role="listbox" id={listId} aria-label="People">
          {options.map((p, i) => (
            <li
              key={personKey(p)}
              id={`${listId}-${personKey(p)}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'option-active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(p)}
            >
              <span>{p.name}</span>
              <span className="muted">{p.detail}</span>
            </li>
          ))}
          {options.length === 0 ? (
            <li className="combobox-empty" role="option" aria-disabled="true" aria-selected="false">
              Nobody else matches.
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
