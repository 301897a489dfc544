// "New messages ↓": shown over a thread the reader has scrolled up in when
// something new arrives, instead of pulling them away from what they read.
// The thread decides when to show it; a click takes the reader to the end.

interface Props {
  /** how many arrived since the reader scrolled away; 0 hides the button */
  count: number;
  onJump(): void;
}

export function NewMessagesButton({ count, onJump }: Props) {
  if (count <= 0) return null;
  return (
    <button type="button" className="new-messages-button" onClick={onJump}>
      {count === 1 ? 'New message' : `${count} new messages`} <span aria-hidden="true">↓</span>
    </button>
  );
}
