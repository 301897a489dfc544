import type { ReactNode } from 'react';
import type { Suggest } from './useSuggest';

interface Props<T> {
  id: string;
  label: string;
  suggest: Suggest<T>;
  keyOf(option: T): string;
  render(option: T): ReactNode;
}

/** The suggestions under the composer, as an ARIA listbox that the textarea's keys drive (see useSuggest). */
export function SuggestList<T>({ id, label, suggest, keyOf, render }: Props<T>) {
  if (!suggest.open) return null;
  return (
    <ul className="combobox-list suggest-list" role="listbox" id={id} aria-label={label}>
      {suggest.options.map((option, i) => (
        <li
          key={keyOf(option)}
          id={`${id}-${keyOf(option)}`}
          role="option"
          aria-selected={i === suggest.active}
          className={i === suggest.active ? 'option-active' : undefined}
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => suggest.setActive(i)}
          onClick={() => suggest.pick(option)}
        >
          {render(option)}
        </li>
      ))}
    </ul>
  );
}

/** What the textarea says of an open list: which one it controls and which option is active (a textbox has no aria-expanded). */
export function listProps<T>(id: string, suggest: Suggest<T>, keyOf: (option: T) => string) {
  const active = suggest.options[suggest.active];
  if (!suggest.open || active === undefined) return null;
  return { 'aria-controls': id, 'aria-activedescendant': `${id}-${keyOf(active)}` };
}
