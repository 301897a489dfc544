import type { Consumer } from '../events';
import { clearSource } from './conversations.service';

/** A deleted record's conversations stay, and lose their source (each one's conversation.updated tells the screens). */
export const sourcesConsumer: Consumer = {
  name: 'conversations.sources',
  types: ['record.deleted'],
  async handle(event, ctx) {
    if (event.type !== 'record.deleted') return;
    await ctx.write(clearSource, { recordId: event.payload.recordId });
  },
};
