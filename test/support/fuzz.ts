// The fuzz test's pieces: the operations of the OpenAPI document, fast-check
// generators of requests that are wrong in one place each, how a value goes
// on the wire, and the oracle: which requests must be refused, and what every
// refusal must look like.
import fc from 'fast-check';
import { expect } from 'vitest';
import { INT_MAX } from '../../src/shared/input';
import { errorCatalog, type ErrorCode } from '../../src/shared/errors';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  nullable?: boolean;
  anyOf?: JsonSchema[];
}
export type Location = 'path' | 'query' | 'header' | 'body';
export interface Field {
  in: Location;
  name: string;
  schema: JsonSchema;
}
export interface Operation {
  method: string;
  /** as the document writes it: /api/conversations/{id} */
  path: string;
  fields: Field[];
  /** the JSON body's schema, when the operation takes one */
  body?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: { in: Location; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** Every operation of the document, each with the fields a request can get wrong (array bodies' items too). */
export function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const body = op.requestBody?.content['application/json']?.schema;
      const bodyFields = Object.entries(body?.properties ?? {}).flatMap(([name, schema]): Field[] => [
        { in: 'body', name, schema },
        ...(schema.type === 'array' && schema.items ? [{ in: 'body' as const, name: `${name}.0`, schema: schema.items }] : []),
      ]);
      return { method: method.toUpperCase(), path, fields: [...(op.parameters ?? []), ...bodyFields], ...(body ? { body } : {}) };
    }),
  );
}

const WHOLE_NUMBER_PATTERN = '^(0|[1-9][0-9]*)$';
/** a field that only holds a whole number (a JSON integer, or digits in a URL); a union with a word ("none") is not */
const isWholeNumber = (s: JsonSchema): boolean => s.type === 'integer' || s.pattern === WHOLE_NUMBER_PATTERN;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The oracle for one field set to `value`: must the request be refused?
 * NUL anywhere; a lone surrogate where it arrives as such (JSON, headers; in
 * a URL it can only be sent as invalid UTF-8, which decodes to U+FFFD); a
 * whole-number field holding anything but a whole number the columns hold;
 * two values for one query parameter.
 */
export function mustRefuse(field: Field, value: unknown): boolean {
  if (typeof value === 'string' && value.includes('\u0000')) return true;
  if ((field.in === 'body' || field.in === 'header') && typeof value === 'string' && LONE_SURROGATE.test(value)) return true;
  if (field.in === 'query' && Array.isArray(value) && value.length > 1) return true;
  if (!isWholeNumber(field.schema)) return false;
  if (field.in === 'body') {
    if (value === null && field.schema.nullable) return false;
    const { minimum = -Infinity, maximum = INT_MAX } = field.schema;
    return typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum;
  }
  // in a URL: one text (a repeated key was refused above)
  const text = Array.isArray(value) ? (value as unknown[])[0] : value;
  return text !== undefined && (typeof text !== 'string' || !new RegExp(WHOLE_NUMBER_PATTERN).test(text) || Number(text) > INT_MAX);
}

// ---------------------------------------------------------------- values

const nulAndSurrogates = fc.constantFrom('a\u0000b', '\u0000', '\uD800', 'x\uDFFFy', 'ok \uD83D', '\uDC00'.repeat(20_001));
const lenientNumbers = fc.constantFrom('0x1', '1e0', '+1', '01', ' 1', '1\n', '1 ', '-1', '0', '1.0', '\uFF11', 'NaN', 'Infinity', '', ' ');
// no small positive ids: a generated 1 must not delete the demo's first customer user; the known ids come from the test
const numbers = fc.oneof(
  fc.constantFrom(0, -1, -0, 0.5, INT_MAX, INT_MAX + 1, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e21, 1e308, -1e308),
  fc.integer({ min: 1_000_000, max: INT_MAX + 1000 }),
  fc.integer({ min: -1000, max: 0 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const huge = fc.constantFrom('x'.repeat(256), 'x'.repeat(20_001), '\u{1F642}'.repeat(10_000), 'y'.repeat(200_000));
const dates = fc.constantFrom(
  '2026-13-45',
  '0000-00-00',
  'abcdefghij',
  '2026-02-29',
  '2024-02-29',
  '2026-11-27T25:61:00Z',
  '9999-12-31',
  '2026-11-27T14:30:00Z',
);
const wrongTypes = fc.constantFrom<unknown>(
  null,
  true,
  false,
  [],
  [2_000_001, 2_000_002],
  {},
  { a: 1 },
  'true',
  'null',
  '[]',
  '{}',
  'none',
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('%', "'; drop table conversations; --", '\\', '_%', '<script>alert(1)</script>', '\u202Eevil', 'so-10'),
);

/** A value for one field: mostly wrong (type, boundary, size, characters), sometimes the valid one. */
export const valueFor = (valid: unknown) =>
  fc.oneof(
    { weight: 3, arbitrary: nulAndSurrogates },
    { weight: 2, arbitrary: lenientNumbers },
    { weight: 3, arbitrary: numbers },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: dates },
    { weight: 2, arbitrary: wrongTypes },
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: fc.constant(valid) },
  );

// ---------------------------------------------------------------- whole requests

const JSON_TYPE = 'application/json';
/**
 * Bodies that are not JSON, or not JSON that parses, or not an object, each
 * with when it must be refused: `parsed` whenever a body is read (any method
 * but GET), `schema` where the operation takes a JSON object, `never` for
 * acceptable ones (anything but 5xx).
 */
export const rawBodies = fc.oneof(
  fc.record({
    contentType: fc.constant(JSON_TYPE),
    payload: fc.constantFrom(
      '{',
      '{"subject": "x",',
      '[1, 2',
      'nul',
      '{"a": 1}}',
      "{'a': 1}",
      '\u0000',
      '{"__proto__": {"x": 1}}',
      '',
      'x'.repeat(300 * 1024),
    ),
    refused: fc.constant('parsed' as const),
  }),
  fc.record({
    contentType: fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'image/png',
      'application/json-patch+json',
      'text/html; charset=utf-8',
    ),
    payload: fc.constantFrom('{"subject": "x", "message": "y"}', 'subject=x&message=y', '<a/>', 'x'),
    refused: fc.constant('parsed' as const),
  }),
  fc.record({
    contentType: fc.constant(JSON_TYPE),
    payload: fc.constantFrom(`${'['.repeat(5000)}${']'.repeat(5000)}`, '"just a string"', '[]', 'null', '42'),
    refused: fc.constant('schema' as const),
  }),
  fc.record({
    contentType: fc.constantFrom(JSON_TYPE, 'application/json; charset=utf-8', 'APPLICATION/JSON'),
    payload: fc.constantFrom('{}', '{"body": "x", "n": 1e400}', '{"unknown": "\\ud800"}'),
    refused: fc.constant('never' as const),
  }),
);

/**
 * Path parts no route takes: over 100 characters, bad percent-encoding, an
 * encoded slash. (Not '..': app.inject resolves it as a URL would, so it
 * never reaches the router as it would over a socket.)
 */
export const badPathValues = fc.constantFrom('1'.repeat(101), '%ff', '%', '%E0%A4%A', 'a%2Fb', '%C0%AF', 'x'.repeat(5000));
/** query strings that are long, repeated or odd, on any route */
export const oddQueries = fc.constantFrom(
  `junk=${'x'.repeat(8000)}`,
  Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join('&'),
  'a[b]=1&a[c]=2',
  '%ff=%fe',
  '&&&==&',
  '__proto__=1&constructor=2',
);

// ---------------------------------------------------------------- the wire

/** Percent-encodes a string; a lone surrogate becomes its raw (invalid) UTF-8 bytes, the only way to send one in a URL. */
export function encodeForUrl(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0xd800 || cp > 0xdfff) out += encodeURIComponent(ch);
    else out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }
  return out;
}

/** A value as URL text: arrays repeat the key, everything else is its string form. */
export function queryPairs(name: string, value: unknown): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.map((v) => `${encodeForUrl(name)}=${encodeForUrl(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`);
}

// ---------------------------------------------------------------- every refusal

/**
 * A refusal as the catalogue says: exactly { error: { code, message, fields? } },
 * a code of the catalogue, answered with that code's status.
 */
export function expectErrorShape(res: { statusCode: number; body: string }, label: string) {
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = res.body;
  }
  const error = (body as { error?: { code?: string } } | undefined)?.error;
  const code = error?.code as ErrorCode | undefined;
  expect(code !== undefined && code in errorCatalog, `${label}: a catalogue code in ${res.body.slice(0, 300)}`).toBe(true);
  expect({ status: res.statusCode, body }, label).toEqual({
    status: errorCatalog[code!].status,
    body: {
      error: {
        code,
        message: expect.stringMatching(/\S/),
        ...(error && 'fields' in error ? { fields: expect.objectContaining({}) } : {}),
      },
    },
  });
  const fields = (error as { fields?: Record<string, unknown> }).fields;
  if (fields) {
    expect(Object.keys(fields).length, `${label}: fields`).toBeGreaterThan(0);
    for (const v of Object.values(fields)) expect(typeof v, `${label}: a field's message`).toBe('string');
  }
}
