// Who a mail about a conversation goes to: its participants, each with the
// address and first name of the customer user or back-office user behind
// them, unless that user is deleted or deactivated.
import type { Kysely } from 'kysely';
import { participantsWithUsers } from '../conversations';
import type { DB } from '../db/schema';

/** What the mails need of a participant's user. */
export interface RecipientColumns {
  customer_user_id: number | null;
  backoffice_user_id: number | null;
  cu_email: string | null;
  cu_first_name: string | null;
  cu_deleted_at: string | null;
  bo_email: string | null;
  bo_first_name: string | null;
  bo_deactivated_at: string | null;
}

export interface Recipient {
  kind: 'customer_user' | 'backoffice_user';
  id: number;
  email: string;
  name: string;
}

export function recipientOf(w: RecipientColumns): Recipient | null {
  if (w.customer_user_id !== null)
    return w.cu_deleted_at || !w.cu_email
      ? null
      : { kind: 'customer_user', id: w.customer_user_id, email: w.cu_email, name: w.cu_first_name ?? '' };
  if (w.backoffice_user_id !== null)
    return w.bo_deactivated_at || !w.bo_email
      ? null
      : { kind: 'backoffice_user', id: w.backoffice_user_id, email: w.bo_email, name: w.bo_first_name ?? '' };
  return null;
}

/** A conversation's present participants, for a mail about a change to it. */
export const conversationRecipients = (db: Kysely<DB>, conversationId: number) =>
  participantsWithUsers(db).where('p.conversation_id', '=', conversationId).where('p.removed_at', 'is', null).orderBy('p.id').execute();

export type ConversationRecipient = Awaited<ReturnType<typeof conversationRecipients>>[number];
