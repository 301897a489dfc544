export { storefrontConversationRoutes } from './storefront.routes';
export { backofficeConversationRoutes } from './backoffice.routes';
export { listConversationsForCustomerUser } from './conversations.service';
export { clearSourceRecord } from './conversations.repo';
