import type { Generated } from 'kysely';

/** A back-office user named with `@` in a message (a reply or an internal note): the Mentions view reads these. */
export interface MentionTable {
  id: Generated<number>;
  conversation_id: number;
  message_id: number;
  backoffice_user_id: number;
  created_at: string;
}

declare module '../db/schema' {
  interface DB {
    mentions: MentionTable;
  }
}
