// The one way the API tests check an error answer: its status, its exact
// code, a message for people and, when the point is a field, every field error.
import { expect } from 'vitest';
import { errorCatalog, type ErrorCode } from '../../src/shared/errors';

/** An answer as app.inject gives it; a fetch Response can be adapted with its text. */
export interface Answer {
  statusCode: number;
  body: string;
}

const parsed = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

/**
 * Asserts `{ error: { code, message, fields? } }` with `status`, exactly:
 * without `fields`, the answer must carry none; with them, exactly those
 * (asymmetric matchers such as expect.any(String) are welcome for messages).
 * `label` names the case in a loop's failure.
 */
export function expectError(res: Answer, status: number, code: ErrorCode, fields?: Record<string, unknown>, label?: string) {
  expect(errorCatalog[code].status, `the catalogue's status of ${code}`).toBe(status);
  expect({ status: res.statusCode, body: parsed(res.body) }, label).toEqual({
    status,
    body: { error: { code, message: expect.stringMatching(/\S/), ...(fields ? { fields } : {}) } },
  });
}

/** The same for a fetch Response (the tests that talk to a started server). */
export async function expectFetchError(res: Response, status: number, code: ErrorCode, fields?: Record<string, unknown>) {
  expectError({ statusCode: res.status, body: await res.text() }, status, code, fields);
}
