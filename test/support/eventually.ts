// Waiting in tests for what happens after the answer (a consumer, a sweep, a
// lease): read until the value is right, or fail saying what never came.

/** Reads `read()` until `ok` holds of it (then answers it), or throws after `timeoutMs`, with the last value. */
export async function eventually<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `eventually` for a condition. */
export const waitFor = (condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) =>
  eventually(condition, (met) => met, what, timeoutMs).then(() => undefined);
