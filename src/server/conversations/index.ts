// Conversations: their threads, participants and read marks, status changes,
// the storefront's and the back-office's routes over them.
export type { ConversationRow } from './conversations.table';
export { storefrontConversationRoutes } from './storefront.routes';
export { backofficeConversationRoutes } from './backoffice.routes';
export {
  findVisibleConversation,
  seesConversation,
  conversationCommands,
  createConversationForStore,
  getConversation,
  listConversationsForCustomerUser,
  listConversationsInChangeOrder,
} from './conversations.service';
export { gridConversations } from './grid';
export { messageCommands, listMessages, postMessage, postSystemMessage } from './messages.service';
export { statusCommands } from './status.service';
export { participantCommands } from './participants.service';
export { routingCommands } from './routing.service';
export { conversationVisibilityOf } from './visibility';
export { unreadIndicatorForBackofficeUser, unreadTotalForCustomerUser } from './unread.service';
export { listParticipants, participantUnreadCounts, participantsWithUsers, readersOf } from './participants.repo';
export { sourcesConsumer } from './sources.consumer';
export { importConversation, type PastConversation } from './history';
export { conversationsMigrations } from './conversations.migrations';
