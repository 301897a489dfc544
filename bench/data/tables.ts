// The columns the generator writes, in insert order: parents before children,
// so a flush never breaks a foreign key. Types are for PostgreSQL's unnest().

export type ColumnType = 'int' | 'text';

export const tables = {
  backoffice_users: {
    id: 'int',
    email: 'text',
    first_name: 'text',
    last_name: 'text',
    role: 'text',
    password_hash: 'text',
    created_at: 'text',
  },
  customers: { id: 'int', name: 'text', parent_id: 'int', sales_rep_id: 'int', created_at: 'text' },
  customer_users: {
    id: 'int',
    customer_id: 'int',
    email: 'text',
    first_name: 'text',
    last_name: 'text',
    role: 'text',
    password_hash: 'text',
    deleted_at: 'text',
    created_at: 'text',
  },
  commerce_records: {
    id: 'int',
    type: 'text',
    number: 'text',
    customer_id: 'int',
    customer_user_id: 'int',
    status: 'text',
    total: 'text',
    currency: 'text',
    created_at: 'text',
    updated_at: 'text',
  },
  conversations: {
    id: 'int',
    name: 'text',
    status: 'text',
    customer_id: 'int',
    customer_user_id: 'int',
    owner_id: 'int',
    source_record_id: 'int',
    messages_count: 'int',
    last_seq: 'int',
    last_activity_at: 'text',
    created_at: 'text',
    updated_at: 'text',
  },
  participants: {
    id: 'int',
    conversation_id: 'int',
    customer_user_id: 'int',
    backoffice_user_id: 'int',
    last_read_seq: 'int',
    unread_count: 'int',
    created_at: 'text',
  },
  messages: {
    id: 'int',
    conversation_id: 'int',
    seq: 'int',
    type: 'text',
    body: 'text',
    author_participant_id: 'int',
    sent_by_backoffice_user_id: 'int',
    created_at: 'text',
  },
  status_changes: {
    id: 'int',
    conversation_id: 'int',
    from_status: 'text',
    to_status: 'text',
    changed_by_backoffice_user_id: 'int',
    created_at: 'text',
  },
} as const satisfies Record<string, Record<string, ColumnType>>;

export type Table = keyof typeof tables;
export const tableNames = Object.keys(tables) as Table[];
export type Cell = string | number | null;

/** Where generated rows go; rows are arrays in the column order above. */
export interface Sink {
  add(table: Table, row: Cell[]): void;
  /** rows buffered since the last flush */
  readonly pending: number;
  /** writes everything buffered, parents first */
  flush(): Promise<void>;
}
