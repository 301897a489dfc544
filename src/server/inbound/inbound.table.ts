import type { Generated } from 'kysely';

/** Every mail that reached Parley's reply address, and what became of it: the loop guard's memory and the per-sender cap's count. */
export interface InboundMailTable {
  id: Generated<number>;
  /** its Message-ID (without brackets): a second delivery of it posts nothing */
  message_id: string;
  sender: string;
  received_at: string;
  /** posted | duplicate | ignored | bounced */
  outcome: string;
  reason: string | null;
}

declare module '../db/schema' {
  interface DB {
    inbound_mails: InboundMailTable;
  }
}
