// Sessions: sign-in and sign-out on each side, the cookie that makes the
// request's actor, and the sign-in limits.
export { sessionRoutes } from './accounts.routes';
export { installSessionScope, storefrontAuth, backofficeAuth, type SideAuth } from './session-scope';
export { createSignInLimits, type SignInLimits } from './rate-limit';
export { hashPassword } from './password';
export { hashToken, resolveSession, accountsCommands } from './accounts.service';
export { sessionsConsumer } from './accounts.consumer';
export { accountsMigrations } from './accounts.migrations';
export { sessionsPurgeJob, purgeExpiredSessions } from './sessions.purge';
export type { SessionSide } from './sessions.table';
