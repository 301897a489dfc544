// Saved replies: personal and shared texts for the back-office composer, with
// the conversation's variables filled in when inserted.
export { replyCommands } from './replies.service';
export { replyRoutes } from './replies.routes';
export { repliesMigrations } from './replies.migrations';
