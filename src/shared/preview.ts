// One line about a conversation's last message, for lists and mails.
import type { ConversationSummary } from './api';

type LastMessage = NonNullable<ConversationSummary['lastMessage']>;

/**
 * "Amanda Cole: Thanks!" for what someone wrote; a status line already names
 * who did it ("John Doe reopened the conversation."), so it stands alone.
 */
export function previewLine(last: LastMessage, text: (preview: string) => string = (p) => p): string {
  return last.type === 'system' || !last.authorName ? text(last.preview) : `${last.authorName}: ${text(last.preview)}`;
}
