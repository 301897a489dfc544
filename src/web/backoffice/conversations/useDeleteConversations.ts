import { useState } from 'react';
import { toApiError } from '../../ui/api';
import { backoffice } from '../api';
import { notify } from '../shell/notices';

/** Deleting one conversation or several, with the busy and error state a confirmation dialog shows. */
export function useDeleteConversations(onDeleted: (ids: number[]) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async (ids: number[]) => {
    setBusy(true);
    setError(null);
    try {
      if (ids.length === 1) await backoffice.deleteConversation(ids[0]!);
      else await backoffice.deleteConversations(ids);
      onDeleted(ids);
      // the rows or the page simply vanish: say that it happened
      notify(ids.length === 1 ? 'Conversation deleted.' : `${ids.length} conversations deleted.`);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return { remove, busy, error, clearError: () => setError(null) };
}
