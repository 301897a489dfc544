// The unread total for the menu badge: fetched once, again on every live
// signal, and at once after the user reads something so badges drop together.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { storefront } from './api';
import { useLiveRefresh } from './live';

interface UnreadState {
  total: number;
  refresh(): void;
}

const UnreadContext = createContext<UnreadState>({ total: 0, refresh: () => undefined });

export function UnreadProvider({ children }: { children: ReactNode }) {
  const [total, setTotal] = useState(0);
  // a failure keeps the last total: the next signal tries again (a lost session is the API client's to handle)
  const refresh = useCallback(() => {
    storefront.unread().then(
      (u) => setTotal(u.total),
      () => undefined,
    );
  }, []);
  useEffect(refresh, [refresh]);
  useLiveRefresh(refresh);
  return <UnreadContext.Provider value={{ total, refresh }}>{children}</UnreadContext.Provider>;
}

export const useUnread = () => useContext(UnreadContext);

/** "9+" above nine, as the badges show it. */
export const badgeText = (n: number) => (n > 9 ? '9+' : String(n));
