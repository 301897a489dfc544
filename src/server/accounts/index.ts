// Sessions: sign-in and sign-out on each side, the cookie that makes the
// request's actor, and the sign-in limits.
export { sessionRoutes } from './accounts.routes';
export { installSessionScope, setSessionCookie, storefrontAuth, backofficeAuth, type SideAuth } from './session-scope';
export { createSignInLimits, type SignInLimits } from './rate-limit';
export { hashPassword } from './password';
export { hashToken, openSession, resolveSession } from './accounts.service';
export { sessionsConsumer } from './accounts.consumer';
export { staffRoutes } from './staff.routes';
export type { LinkMailer } from './password-mail';
import { accountsCommands as sessionCommands } from './accounts.service';
import { passwordCommands } from './passwords.service';
import { staffCommands } from './staff.service';
export const accountsCommands = [...sessionCommands, ...passwordCommands, ...staffCommands];
export { accountsMigrations } from './accounts.migrations';
export { sessionsPurgeJob, purgeExpiredSessions } from './sessions.purge';
export type { SessionSide } from './sessions.table';
