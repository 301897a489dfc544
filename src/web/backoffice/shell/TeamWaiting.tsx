import { Link } from '../router';
import { useUnread } from './useUnreadIndicator';

/** Administrators: how many of the team's conversations wait on staff, beside their own unread count; opens the inbox's Waiting on us. */
export function TeamWaiting() {
  const { unread } = useUnread();
  const count = unread?.waitingOnStaff;
  if (count === undefined) return null;
  const label = count === 1 ? '1 conversation waiting on the team' : `${count} conversations waiting on the team`;
  return (
    <Link
      to="/admin/inbox"
      className={`btn btn-ghost indicator team-waiting${count ? ' indicator-active' : ''}`}
      title={label}
      aria-label={`Waiting on the team: ${count}`}
    >
      <span className="team-waiting-label" aria-hidden="true">
        Team
      </span>
      <span className="indicator-count" data-testid="team-waiting">
        {count}
      </span>
    </Link>
  );
}
