export { storefrontConversationRoutes } from './storefront.routes';
export { backofficeConversationRoutes } from './backoffice.routes';
export { listConversationsForCustomerUser, findVisibleConversation } from './conversations.service';
export { unreadIndicatorForBackofficeUser, unreadTotalForCustomerUser, participantUnreadCounts } from './unread.service';
export { clearSourceRecord } from './conversations.repo';
