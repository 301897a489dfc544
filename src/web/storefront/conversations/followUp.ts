// "Ask a follow-up" on a closed conversation starts a new one about the same
// record whose subject names the closed one, within the subject's limit.
import { SUBJECT_MAX } from '../../../shared/api';

const PREFIX = 'Follow-up: ';

export function followUpSubject(closedName: string): string {
  const room = SUBJECT_MAX - PREFIX.length;
  return PREFIX + (closedName.length > room ? `${closedName.slice(0, room - 1)}…` : closedName);
}
