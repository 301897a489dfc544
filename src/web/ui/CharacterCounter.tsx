// A counter under a text field with a limit: nothing until 90 % of the limit,
// then "n / limit", in the error style once over it. The form refuses what is
// over the limit (overLimit) instead of the field cutting it silently.
import type { JSX } from 'react';

const near = (length: number, limit: number) => length >= limit * 0.9;

export const overLimit = (length: number, limit: number) => length > limit;

export function CharacterCounter(props: { length: number; limit: number; id?: string }): JSX.Element | null {
  const { length, limit, id } = props;
  if (!near(length, limit)) return null;
  const over = overLimit(length, limit);
  return (
    <p id={id} className={`char-counter${over ? ' char-counter-over' : ''}`} aria-live="polite">
      {length.toLocaleString('en-US')} / {limit.toLocaleString('en-US')}
      {over ? <span className="visually-hidden"> characters: too long</span> : null}
    </p>
  );
}
