// Which messages share one header: a person's consecutive messages of one
// kind (text, or internal note) written close together, as chat apps show
// them. Both threads use it, so that they group alike.
import type { Message } from '../../../shared/api';

/** consecutive messages of one author this close together share one header */
export const GROUP_MS = 5 * 60_000;

/** A person's key, for grouping and their avatar colour: "customer_user:7", "backoffice_user:2". */
export const authorKey = (m: Pick<Message, 'author'>) => (m.author ? `${m.author.kind}:${m.author.userId}` : 'unknown');

/** Whether `m` continues `previous`'s group: same author, same kind, within five minutes, no status line between. */
export function continuesGroup(previous: Message | undefined, m: Message): boolean {
  if (!previous || previous.type === 'system' || m.type === 'system' || !m.author || previous.type !== m.type) return false;
  if (Boolean(previous.sentBy) !== Boolean(m.sentBy)) return false;
  return authorKey(previous) === authorKey(m) && Date.parse(m.createdAt) - Date.parse(previous.createdAt) < GROUP_MS;
}
