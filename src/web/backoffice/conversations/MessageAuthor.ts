import type { Message } from '../../../shared/api';

/** "Charlie Sheen (sent by John Doe)" when an Administrator posted on someone's behalf. */
export function authorLabel(m: Message): string {
  const name = m.author ? (m.author.deleted ? 'Deleted user' : m.author.name) : 'System';
  return m.sentBy ? `${name} (sent by ${m.sentBy.name})` : name;
}
