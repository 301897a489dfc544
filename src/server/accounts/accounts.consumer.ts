import { signedOutBy } from '../../shared/events';
import type { Consumer } from '../events';
import { endSessionsOfUser } from './accounts.service';

/** A deleted customer user's or a deactivated back-office user's sessions end (their sockets close on the same event, in realtime/). */
export const sessionsConsumer: Consumer = {
  name: 'accounts.sessions',
  types: ['customer_user.deleted', 'backoffice_user.deactivated'],
  async handle(event, ctx) {
    const gone = signedOutBy(event);
    if (!gone) return;
    await ctx.write(endSessionsOfUser, { side: gone.kind === 'customer_user' ? 'storefront' : 'backoffice', userId: gone.id });
  },
};
