import type { Message } from '../../../shared/api';

/** Whose name a message is under: the author, "Deleted user" or "System". */
export function authorName(m: Message): string {
  return m.author ? (m.author.deleted ? 'Deleted user' : m.author.name) : 'System';
}

/** "Charlie Sheen (sent by John Doe)" when an Administrator posted on someone's behalf. */
export function authorLabel(m: Message): string {
  const name = authorName(m);
  return m.sentBy ? `${name} (sent by ${m.sentBy.name})` : name;
}
