// Who is signed in, shared by the whole app. The CSRF token from the session
// goes to the API client here and nowhere else; a call that finds the session
// gone (expired, or signed out in another tab) brings back the sign-in page.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionResponse, SignedInUser } from '../../shared/api';
import { toApiError } from '../ui/api';
import { setCsrfToken, storefront, whenSessionEnds } from './api';

interface Session {
  /** undefined while the first GET /api/session is in flight */
  user: SignedInUser | null | undefined;
  /** the session ended under the user (expired, or signed out elsewhere): the sign-in page says why */
  ended: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);

  const accept = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
    setEnded(false);
  }, []);
  const forget = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
  }, []);

  useEffect(() => {
    whenSessionEnds(() => {
      forget();
      setEnded(true);
    });
    storefront.sessionCheck().then(
      (s) => (s.user && s.csrfToken ? accept({ user: s.user, csrfToken: s.csrfToken }) : setUser(null)),
      () => setUser(null),
    );
  }, [accept, forget]);

  const signIn = useCallback(async (email: string, password: string) => accept(await storefront.signIn(email, password)), [accept]);
  const signOut = useCallback(async () => {
    await storefront.signOut().catch(() => undefined);
    forget();
  }, [forget]);

  return <SessionContext.Provider value={{ user, ended, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** A user-facing sentence for any failure. */
export const errorText = (error: unknown): string => toApiError(error).message;
