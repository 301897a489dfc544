// A counter under a length-limited field, shown only near the limit so that
// it does not distract: "19,120 / 20,000", announced politely, in the error
// style once over (the form then refuses to send rather than cutting the text).
import type { JSX } from 'react';

/** Whether a text of `length` characters is over `limit` (the form must refuse it). */
export const overLimit = (length: number, limit: number) => length > limit;

/** Renders nothing below 90 % of the limit. `id`: for the field's aria-describedby. */
export function CharacterCounter(props: { length: number; limit: number; id?: string }): JSX.Element | null {
  const { length, limit, id } = props;
  if (length < limit * 0.9) return null;
  const over = overLimit(length, limit);
  return (
    <span id={id} className={`character-counter${over ? ' character-counter-over' : ''}`} aria-live="polite">
      {length.toLocaleString('en-US')} / {limit.toLocaleString('en-US')}
      {over && <span className="visually-hidden"> characters, over the limit</span>}
    </span>
  );
}
