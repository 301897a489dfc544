import type { KeyboardEvent } from 'react';

/** An ARIA combobox's keys: arrows move through the options, Enter picks the active one, Escape closes the list. */
export function comboboxKeyDown<T>(
  e: KeyboardEvent<HTMLInputElement>,
  list: { open: boolean; setOpen(open: boolean): void; options: T[]; active: number; setActive(move: (a: number) => number): void },
  choose: (option: T) => void,
) {
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    list.setOpen(true);
    list.setActive((a) => Math.min(a + 1, list.options.length - 1));
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    list.setActive((a) => Math.max(a - 1, 0));
  } else if (e.key === 'Enter' && list.open && list.options[list.active] !== undefined) {
    e.preventDefault();
    choose(list.options[list.active]!);
  } else if (e.key === 'Escape') list.setOpen(false);
}
