import type { ConversationStatus } from './conversations.table';

export type StatusAction = 'close' | 'reopen';

/** The only status changes there are. */
const transitions: Record<ConversationStatus, Partial<Record<StatusAction, ConversationStatus>>> = {
  active: { close: 'closed' },
  closed: { reopen: 'active' },
};

export function nextStatus(from: ConversationStatus, action: StatusAction): ConversationStatus | undefined {
  return transitions[from][action];
}

export function systemMessageFor(to: ConversationStatus, by: string): string {
  return to === 'closed' ? `${by} closed the conversation.` : `${by} reopened the conversation.`;
}
