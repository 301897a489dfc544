// A popup of suggestions over the composer's textarea, opened by what is typed
// just before the caret (`@Char` for mentions, `/thanks` at the start for
// saved replies): arrows move, Enter or Tab picks, Escape closes. Picking
// replaces the typed token with the option's text.
import { useState, type KeyboardEvent } from 'react';

export interface Suggest<T> {
  open: boolean;
  options: T[];
  active: number;
  setActive(i: number): void;
  /** call from the textarea's change, click and key-up: where the caret is now */
  follow(el: HTMLTextAreaElement): void;
  /** call first in the textarea's key-down; true when the popup took the key */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
  pick(option: T): void;
  close(): void;
}

interface Options<T> {
  value: string;
  setValue(value: string, caret: number): void;
  /** the token typed before the caret, as a regex ending in `$`; group 1 is the query */
  trigger: RegExp;
  search(query: string): T[];
  /** the text that replaces the token */
  textOf(option: T): string;
  onPicked?(option: T): void;
}

export function useSuggest<T>({ value, setValue, trigger, search, textOf, onPicked }: Options<T>): Suggest<T> {
  const [token, setToken] = useState<{ start: number; end: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const options = token ? search(token.query) : [];
  const open = token !== null && dismissed !== token.start && options.length > 0;

  const follow = (el: HTMLTextAreaElement) => {
    const caret = el.selectionStart ?? el.value.length;
    const match = trigger.exec(el.value.slice(0, caret));
    // the token starts after the space the trigger may have matched before it
    const leadingSpace = match ? match[0].length - match[0].trimStart().length : 0;
    const next = match ? { start: caret - match[0].length + leadingSpace, end: caret, query: match[1] ?? '' } : null;
    if (next?.query !== token?.query || next?.start !== token?.start) setActive(0);
    setToken(next);
    if (!next) setDismissed(null);
  };
  // closed for this token: typing on keeps it closed, a new token opens again
  const close = () => token && setDismissed(token.start);
  const pick = (option: T) => {
    if (!token) return;
    const text = textOf(option);
    setValue(value.slice(0, token.start) + text + value.slice(token.end), token.start + text.length);
    setToken(null);
    onPicked?.(option);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) pick(options[Math.min(active, options.length - 1)]!);
    else if (e.key === 'Escape') close();
    else return false;
    e.preventDefault();
    return true;
  };
  return { open, options, active: Math.min(active, Math.max(options.length - 1, 0)), setActive, follow, onKeyDown, pick, close };
}
