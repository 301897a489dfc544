// Which conversations a user may see: the people module's rule (their own,
// their customer tree's), grown by the conversations they take part in as a
// guest, which only this module knows.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Actor } from '../kernel/actor';
import { visibilityOf, type Visibility } from '../people';
import { guestConversationIds } from './participants.repo';

export async function conversationVisibilityOf(db: Kysely<DB>, actor: Actor): Promise<Visibility> {
  const visibility = await visibilityOf(db, actor);
  if (visibility.kind === 'all' || actor.kind !== 'customer_user') return visibility;
  return { ...visibility, guestOf: await guestConversationIds(db, actor.id) };
}
