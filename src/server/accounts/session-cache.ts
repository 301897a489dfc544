/**
 * Sessions looked up in the last few seconds, by session id, so a busy client
 * does not cost two queries per request. Whoever ends a session (a sign-out
 * on any instance, a deleted user) has every instance forget it at once
 * (session-scope.ts listens); the time limit only bounds what a lost signal
 * could leave. Ids that match nothing are remembered too: a random token that
 * does not exist now never will.
 */
export interface SessionCache<T> {
  get(id: string): { value: T | undefined } | undefined;
  set(id: string, value: T | undefined, expiresAt?: string): void;
  forget(id: string): void;
  /** forgets every session whose value matches (a user's, when the user is deleted) */
  forgetWhere(matches: (value: T) => boolean): void;
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
    forgetWhere(matches) {
      for (const [id, entry] of entries) if (entry.value !== undefined && matches(entry.value)) entries.delete(id);
    },
  };
}
