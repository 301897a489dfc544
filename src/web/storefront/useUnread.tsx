// The unread total for the menu badge: fetched once, again on every live
// signal, and at once after the user reads something so badges drop together.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../ui/api';
import { storefront } from './api';
import { useSession } from './session';
import { useLiveRefresh } from './live';

interface UnreadState {
  total: number;
  refresh(): void;
}

const UnreadContext = createContext<UnreadState>({ total: 0, refresh: () => undefined });

export function UnreadProvider({ children }: { children: ReactNode }) {
  const [total, setTotal] = useState(0);
  const { expired } = useSession();
  const refresh = useCallback(() => {
    storefront.unread().then(
      (u) => setTotal(u.total),
      // signed out elsewhere (or the session ran out): back to sign-in
      (err: unknown) => err instanceof ApiError && err.status === 401 && expired(),
    );
  }, [expired]);
  useEffect(refresh, [refresh]);
  useLiveRefresh(refresh);
  return <UnreadContext.Provider value={{ total, refresh }}>{children}</UnreadContext.Provider>;
}

export const useUnread = () => useContext(UnreadContext);

/** "9+" above nine, as the badges show it. */
export const badgeText = (n: number) => (n > 9 ? '9+' : String(n));
