/**
 * Sessions looked up in the last few seconds, so a busy client does not cost
 * two queries per request. Sign-out on this instance forgets at once; a
 * session ended elsewhere (another instance, a deleted user) lives on here for
 * at most `ttlMs`. Tokens that match nothing are remembered too: a random
 * token that does not exist now never will.
 */
export interface SessionCache<T> {
  get(token: string): { value: T | undefined } | undefined;
  set(token: string, value: T | undefined, expiresAt?: string): void;
  forget(token: string): void;
}

export function createSessionCache<T>(ttlMs: number, maxEntries = 50_000, clock = () => Date.now()): SessionCache<T> {
  const entries = new Map<string, { value: T | undefined; until: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.until <= clock()) {
        entries.delete(token);
        return undefined;
      }
      return { value: entry.value };
    },
    set(token, value, expiresAt) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const sessionEnds = expiresAt ? Date.parse(expiresAt) : Infinity;
      entries.set(token, { value, until: Math.min(clock() + ttlMs, sessionEnds) });
    },
    forget(token) {
      entries.delete(token);
    },
  };
}
