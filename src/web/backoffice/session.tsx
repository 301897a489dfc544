// Who is signed in to the back-office. Every page reads the user from here to
// decide which controls the role gets (the API refuses the rest anyway).
import { createContext, useContext } from 'react';
import type { SignedInUser } from '../../shared/api';

export interface Session {
  user: SignedInUser;
  isAdministrator: boolean;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
