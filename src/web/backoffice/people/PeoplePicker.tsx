import { useEffect, useState } from 'react';
import type { ParticipantChoice } from '../../../shared/api';
import { backoffice, type BackofficeUser, type CustomerUser } from '../api';
import { roleLabel } from '../roles';
import { ComboboxField, useCombobox } from '../../ui/combobox';

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
  /** whose customer users are offered, with those of its whole customer tree (none: staff only) */
  customerId: number | null;
  /** already chosen or taking part: not offered */
  taken: ReadonlySet<string>;
  onPick(person: Person): void;
  describedBy?: string | undefined;
}

/** A searchable people field (ARIA combobox) over staff and the customer tree's users: type a name, pick with arrows and Enter. */
export function PeoplePicker({ id, staff, customerId, taken, onPick, describedBy }: Props) {
  const [text, setText] = useState('');
  const [customerUsers, setCustomerUsers] = useState<Person[]>([]);
  const needle = text.trim().toLowerCase();
  const options = [...staff.map(fromStaff).filter((p) => p.name.toLowerCase().includes(needle)), ...customerUsers].filter(
    (p) => !taken.has(personKey(p)),
  );
  const box = useCombobox<Person>(options, personKey, (p) => {
    onPick(p);
    setText('');
  });
  const open = box.open;

  useEffect(() => {
    if (!open || customerId === null) return setCustomerUsers([]);
    let current = true;
    const t = window.setTimeout(() => {
      backoffice.customerUsers({ limit: 20, q: text.trim(), customerTreeOf: customerId }).then(
        (r) => current && setCustomerUsers(r.items.filter((u) => !u.deleted).map(fromCustomerUser)),
        () => undefined,
      );
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(t);
    };
  }, [text, open, customerId]);

  return (
    <div className="combobox">
      <ComboboxField<Person>
        box={box}
        id={id}
        text={text}
        onText={setText}
        placeholder="Search staff and the customer's users"
        describedBy={describedBy}
        label="People"
        className="combobox-list"
        options={options}
        keyOf={personKey}
        render={(p) => (
          <>
            <span>{p.name}</span>
            <span className="muted">{p.detail}</span>
          </>
        )}
      />
    </div>
  );
}
