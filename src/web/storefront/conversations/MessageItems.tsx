// One message of the thread as the storefront shows it: a person's message
// (grouped under the previous one when the same person wrote again soon),
// a status line, or my own message while it is being sent or failed.
import type { Message } from '../../../shared/api';
import { avatarColour } from '../../ui/chat/avatarColour';
import { authorKey } from '../../ui/chat/grouping';
import { initialsOf } from '../../ui/initials';
import { Markdown } from '../../ui/markdown';
import { MessageAttachments } from '../../ui/MessageAttachments';
import { formatFull, formatTime } from '../../ui/time';
import type { PendingMessage } from './useThread';

function Avatar({ initials, colourKey, deleted }: { initials: string; colourKey: string; deleted?: boolean }) {
  return (
    <span
      className={`avatar${deleted ? ' avatar-deleted' : ''}`}
      style={deleted ? undefined : { background: avatarColour(colourKey) }}
      aria-hidden="true"
    >
      {initials || '?'}
    </span>
  );
}

/** `forMe`: the author is the signed-in user (though maybe staff wrote it in their name) */
export function MessageItem(props: { message: Message; mine: boolean; forMe: boolean; grouped: boolean }) {
  const { message, mine, forMe, grouped } = props;
  const a = message.author;
  const name = a ? (a.deleted ? `${a.name} (deleted user)` : a.name) : 'Unknown';
  // staff wrote it in a customer's name: "Sent by John Doe for you" / "… on behalf of Amanda Cole"
  const behalf = message.sentBy ? `Sent by ${message.sentBy.name} ${forMe ? 'for you' : `on behalf of ${name}`}` : null;
  const classes = ['message', mine && 'message-mine', grouped && 'message-grouped', behalf && 'message-behalf'].filter(Boolean).join(' ');
  return (
    <article className={classes} aria-label={`${name}${behalf ? ` (${behalf})` : ''}, ${formatTime(message.createdAt)}`}>
      {grouped ? (
        <span className="avatar-space" aria-hidden="true" />
      ) : (
        <Avatar initials={a?.initials ?? ''} colourKey={authorKey(message)} deleted={a?.deleted} />
      )}
      <div className="message-main">
        {!grouped && (
          <header className="message-head">
            <span className="message-author">{name}</span>
            {a?.kind === 'backoffice_user' && <span className="message-role">Staff</span>}
            {behalf && <span className="message-behalf-label">{behalf}</span>}
            <time dateTime={message.createdAt} title={formatFull(message.createdAt)}>
              {formatTime(message.createdAt)}
            </time>
          </header>
        )}
        {message.body ? <Markdown source={message.body} className="message-body" /> : null}
        <MessageAttachments attachments={message.attachments} base="/api" />
      </div>
    </article>
  );
}

export function SystemLine({ message }: { message: Message }) {
  return (
    <p className="system-message">
      {message.body} <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
    </p>
  );
}

export function PendingItem(props: {
  item: PendingMessage;
  name: string;
  myKey: string;
  retry(key: string): void;
  discard(key: string): void;
}) {
  const { item } = props;
  return (
    <article
      className={`message message-mine message-${item.state}`}
      aria-label={`${props.name}, ${item.state === 'failed' ? 'not sent' : 'sending'}`}
    >
      <Avatar initials={initialsOf(props.name)} colourKey={props.myKey} />
      <div className="message-main">
        <header className="message-head">
          <span className="message-author">{props.name}</span>
          <span className="message-state">{item.state === 'sending' ? 'Sending…' : 'Not sent'}</span>
        </header>
        {item.body ? <Markdown source={item.body} className="message-body" /> : null}
        {item.attachments.length > 0 && <p className="message-note">📎 {item.attachments.map((a) => a.name).join(', ')}</p>}
        {item.state === 'failed' && (
          <div className="message-failed" role="alert">
            <span>{item.error ?? 'The message was not sent.'}</span>
            <button type="button" className="btn btn-small" onClick={() => props.retry(item.key)}>
              Retry
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => props.discard(item.key)}>
              Discard
            </button>
          </div>
        )}
      </div>
    </article>
  );
}
