// What every field of a request must be, whatever the route: text without
// NUL or lone surrogates, whole numbers that the columns hold, dates on the
// calendar, with one message for people each. The API's shapes (./api) are
// built from these.
import { z } from 'zod';

export const BLANK = 'This value should not be blank.';
export const tooLongMessage = (max: number) => `This value is too long. It should have ${max} characters or less.`;

/** The largest id, count or sequence number the columns hold (PostgreSQL's integer); SQLite is held to the same. */
export const INT_MAX = 2_147_483_647;

export const BAD_CHARACTERS = 'This value contains a character that is not allowed (NUL or a lone surrogate).';
// a UTF-16 surrogate without its pair (with the u flag a valid pair is one code point, outside this range)
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Any text the API accepts: PostgreSQL refuses NUL in text, and a lone
 * surrogate cannot be stored as UTF-8 (it would come back as U+FFFD), so both
 * are refused here, for every field, on both databases alike.
 */
export const text = (params: Parameters<typeof z.string>[0] = { error: 'This value should be text.' }) =>
  z.string(params).refine((s) => !s.includes('\u0000') && !LONE_SURROGATE.test(s), BAD_CHARACTERS);

/** A required text field: missing, empty and blank all say BLANK. */
export const requiredText = (max: number) =>
  text({ error: (issue) => (issue.input === undefined || issue.input === null ? BLANK : 'This value should be text.') })
    .trim()
    .min(1, BLANK)
    .max(max, tooLongMessage(max));

const wholeNumberMessage = (min: number, max: number) => `Use a whole number from ${min} to ${max}.`;

/**
 * A whole number in a path or query string: plain decimal digits only (no
 * sign, exponent, hex, spaces or leading zeros), from `min` to `max`.
 */
export const wholeNumber = (min: number, max = INT_MAX) =>
  z
    .string({ error: wholeNumberMessage(min, max) })
    .regex(/^(0|[1-9][0-9]*)$/, wholeNumberMessage(min, max))
    .max(10, wholeNumberMessage(min, max))
    .transform(Number)
    .pipe(z.number().min(min, wholeNumberMessage(min, max)).max(max, wholeNumberMessage(min, max)));

/** A whole number in a JSON body, from `min` to `max`; `whenMissing` says what a missing one lacks. */
export const bodyNumber = (min: number, max = INT_MAX, whenMissing = wholeNumberMessage(min, max)) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? whenMissing : wholeNumberMessage(min, max)) })
    .int(wholeNumberMessage(min, max))
    .min(min, wholeNumberMessage(min, max))
    .max(max, wholeNumberMessage(min, max));

const DATE_OR_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z?)?$/;

/** 2026-11-27, or a time on it (2026-11-27T14:30:00Z), that is on the calendar: not 2026-13-45, not 0000-00-00. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_OR_TIME.exec(value);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1 && days !== undefined && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}

export const DateBound = text().refine(isCalendarDate, 'Use a date such as 2026-11-27.');
