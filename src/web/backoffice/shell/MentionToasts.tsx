// A live notification when someone mentions me (mention.created reaches only
// the one mentioned): who, and a link to the conversation; each one stays
// until I close it or open the conversation.
import { useState } from 'react';
import type { EventPayload } from '../../../shared/events';
import { useLiveEvent } from '../../ui/live';
import { conversationPath } from '../paths';
import { Link } from '../router';
import { useLive } from './live';

type Mention = EventPayload<'mention.created'> & { eventId: number };

export function MentionToasts() {
  const [mentions, setMentions] = useState<Mention[]>([]);
  useLiveEvent(useLive(), 'mention.created', (frame) =>
    setMentions((m) => (m.some((x) => x.eventId === frame.id) ? m : [...m, { ...frame.data, eventId: frame.id }].slice(-3))),
  );
  const dismiss = (eventId: number) => setMentions((m) => m.filter((x) => x.eventId !== eventId));
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {mentions.map((m) => (
        <div className="toast" key={m.eventId}>
          <p>
            <strong>{m.by.name}</strong> mentioned you{m.message.type === 'note' ? ' in an internal note' : ''} in{' '}
            <Link to={conversationPath(m.conversationId)} onClick={() => dismiss(m.eventId)}>
              {m.conversationName}
            </Link>
          </p>
          <button type="button" className="btn btn-ghost btn-small" aria-label="Dismiss" onClick={() => dismiss(m.eventId)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
