import type { Generated, Selectable } from 'kysely';

/** A saved reply: personal (its owner's alone) or shared (every back-office user's; Administrators change it). */
export interface SavedReplyTable {
  id: Generated<number>;
  title: string;
  body: string;
  /** 1: for every back-office user */
  shared: number;
  /** who keeps a personal reply; who last changed a shared one */
  owner_id: number;
  created_at: string;
  updated_at: string;
}

export type SavedReplyRow = Selectable<SavedReplyTable>;

declare module '../db/schema' {
  interface DB {
    saved_replies: SavedReplyTable;
  }
}
