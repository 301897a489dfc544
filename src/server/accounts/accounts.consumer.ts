import type { Consumer } from '../events';
import { endSessionsOfUser } from './accounts.service';

/** A deleted customer user's sessions end (their sockets close on the same event, in realtime/). */
export const sessionsConsumer: Consumer = {
  name: 'accounts.sessions',
  types: ['customer_user.deleted'],
  async handle(event, ctx) {
    if (event.type !== 'customer_user.deleted') return;
    await ctx.write(endSessionsOfUser, { side: 'storefront', userId: event.payload.customerUserId });
  },
};
