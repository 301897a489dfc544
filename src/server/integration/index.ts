// The store's integration: service tokens (made in the back-office), the
// bearer-token scope of /integration/v1, and the sync API over the people,
// the records and the conversations, keyed by the store's own ids.
export { tokenRoutes } from './tokens.routes';
export { integrationCtx, type IntegrationLimits } from './token-scope';
export { integrationApi } from './integration.routes';
export { integrationMigrations } from './integration.migrations';
export { handoffRoutes, handoffSettingsRoutes, signInOptionsRoutes } from './handoff.routes';
export { newJwksCache, type JwksCache } from './handoff.service';
import { handoffCommands } from './handoff.service';
import { syncCommands } from './sync.service';
import { tokenCommands } from './tokens.service';

export const integrationCommands = [...tokenCommands, ...syncCommands, ...handoffCommands];
