// What the pane shows for a conversation that is not there: deleted while
// it was open, or an address (an old link) to one this user cannot see. A
// way back instead of "Try Again", since trying again cannot help.
import { Link } from '../Link';

export function GonePane({ deleted, onBack }: { deleted: boolean; onBack(): void }) {
  return (
    <section className="pane pane-gone" aria-labelledby="pane-title">
      <div className="pane-head">
        <button type="button" className="btn btn-ghost back-button" onClick={onBack}>
          <span aria-hidden="true">←</span> Back
        </button>
        <h2 id="pane-title" className="pane-title">
          {deleted ? 'Conversation deleted' : 'Conversation not found'}
        </h2>
      </div>
      <div className="pane-gone-body">
        <p className="alert alert-info" role="alert">
          {deleted
            ? 'This conversation was deleted. Its messages are no longer available.'
            : 'There is no conversation at this address, or it is not one of yours.'}
        </p>
        <p>
          <Link href="/conversations">Back to Conversations</Link>
        </p>
      </div>
    </section>
  );
}
