import type { Generated, Selectable } from 'kysely';

/** Who uploaded a file (a person, or a store's integration by its token): only they may attach it, and see it until a message carries it. */
export type UploaderKind = 'customer_user' | 'backoffice_user' | 'integration';

/** One uploaded file: its bytes live in the store under `storage_key`, its thumbnail (images) under `thumbnail_key`. */
export interface AttachmentTable {
  id: Generated<number>;
  uploader_kind: UploaderKind;
  uploader_id: number;
  /** the file's name as the uploader's computer called it (shown, and given back on download) */
  name: string;
  /** found from the content, not the name */
  content_type: string;
  size: number;
  /** hex */
  sha256: string;
  storage_key: string;
  thumbnail_key: string | null;
  /** null until a message carries it; an upload still unused after 24 hours is removed */
  message_id: number | null;
  conversation_id: number | null;
  /** 1 when the message is an internal note: back-office users only */
  staff_only: number;
  created_at: string;
}

export type AttachmentRow = Selectable<AttachmentTable>;

/** The secret that signs download links handed out beyond a session (webhooks, mail). */
export interface AttachmentKeyTable {
  id: Generated<number>;
  secret: string;
  created_at: string;
}

declare module '../db/schema' {
  interface DB {
    attachments: AttachmentTable;
    attachment_keys: AttachmentKeyTable;
  }
}
