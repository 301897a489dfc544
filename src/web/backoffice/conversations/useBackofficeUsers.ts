import { useLoad } from '../../ui/useLoad';
import { backoffice, type BackofficeUser } from '../api';

/** The back-office users, the choices for Owner (none until they are in). */
export function useBackofficeUsers(): BackofficeUser[] {
  return useLoad(backoffice.users, []).data?.items ?? [];
}
