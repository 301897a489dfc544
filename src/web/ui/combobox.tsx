// A search field that offers options as one types (an ARIA combobox): arrows
// move, Enter picks the active option, Escape closes the list. Both apps'
// people pickers use it.
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Combobox<T> {
  listId: string;
  open: boolean;
  active: number;
  /** spread on the input, with its own id, value and onChange (which calls `typed`) */
  inputProps: {
    role: 'combobox';
    autoComplete: 'off';
    'aria-autocomplete': 'list';
    'aria-expanded': boolean;
    'aria-controls': string;
    'aria-activedescendant': string | undefined;
    onFocus(): void;
    onBlur(): void;
    onKeyDown(e: KeyboardEvent<HTMLInputElement>): void;
  };
  /** call when the text changes: the list opens at its first option */
  typed(): void;
  choose(option: T): void;
}

export function useCombobox<T>(options: T[], keyOf: (option: T) => string, pick: (option: T) => void): Combobox<T> {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const current = options[active];
  const choose = (option: T) => {
    pick(option);
    setActive(0);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.max(0, Math.min(a + (e.key === 'ArrowDown' ? 1 : -1), options.length - 1)));
    } else if (e.key === 'Enter' && open && current !== undefined) {
      e.preventDefault();
      choose(current);
    } else if (e.key === 'Escape') setOpen(false);
  };
  return {
    listId,
    open,
    active,
    inputProps: {
      role: 'combobox',
      autoComplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': open,
      'aria-controls': listId,
      'aria-activedescendant': open && current !== undefined ? `${listId}-${keyOf(current)}` : undefined,
      onFocus: () => setOpen(true),
      onBlur: () => window.setTimeout(() => setOpen(false), 150),
      onKeyDown,
    },
    typed: () => {
      setOpen(true);
      setActive(0);
    },
    choose,
  };
}

interface FieldProps<T> {
  box: Combobox<T>;
  id: string;
  text: string;
  onText(text: string): void;
  placeholder: string;
  describedBy?: string | undefined;
  /** the list's accessible name */
  label: string;
  className: string;
  options: T[];
  keyOf(option: T): string;
  render(option: T): ReactNode;
}

/** The input and, while open, its list of options (with "Nobody else matches." when it is empty). */
export function ComboboxField<T>({ box, id, text, onText, placeholder, describedBy, ...list }: FieldProps<T>) {
  return (
    <>
      <input
        id={id}
        type="text"
        {...box.inputProps}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          onText(e.target.value);
          box.typed();
        }}
      />
      <ComboboxOptions box={box} {...list} />
    </>
  );
}

function ComboboxOptions<T>({
  box,
  label,
  className,
  options,
  keyOf,
  render,
}: Pick<FieldProps<T>, 'box' | 'label' | 'className' | 'options' | 'keyOf' | 'render'>) {
  if (!box.open) return null;
  return (
    <ul className={className} role="listbox" id={box.listId} aria-label={label}>
      {options.map((option, i) => (
        <li
          key={keyOf(option)}
          id={`${box.listId}-${keyOf(option)}`}
          role="option"
          aria-selected={i === box.active}
          className={i === box.active ? 'option-active' : undefined}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => box.choose(option)}
        >
          {render(option)}
        </li>
      ))}
      {options.length === 0 ? (
        <li className="combobox-empty" role="option" aria-disabled="true" aria-selected="false">
          Nobody else matches.
        </li>
      ) : null}
    </ul>
  );
}
