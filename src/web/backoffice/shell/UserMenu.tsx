import { initialsOf } from '../../ui/initials';
import { MY_CONVERSATIONS_URL } from '../paths';
import { roleLabel } from '../roles';
import { Link } from '../router';
import { useSession } from '../session';
import { useDropdown } from './useDropdown';

export function UserMenu() {
  const { user, signOut } = useSession();
  const { open, toggle, close, rootRef } = useDropdown();
  return (
    <div className="dropdown" ref={rootRef}>
      <button type="button" className="btn btn-ghost user-button" aria-expanded={open} aria-controls="user-menu" onClick={toggle}>
        <span className="avatar" aria-hidden="true">
          {initialsOf(user.name)}
        </span>
        <span className="user-name">{user.name}</span>
        <span className="visually-hidden">, user menu</span>
      </button>
      {open ? (
        <div className="dropdown-panel dropdown-right user-panel" id="user-menu">
          <p className="user-panel-head">
            <strong>{user.name}</strong>
            <span>{roleLabel(user.role)}</span>
          </p>
          <ul className="menu-list">
            <li>
              <Link to={MY_CONVERSATIONS_URL} onClick={close}>
                My Conversations
              </Link>
            </li>
            <li>
              <Link to="/admin/account" onClick={close}>
                My Account
              </Link>
            </li>
            <li>
              <button type="button" onClick={() => void signOut()}>
                Sign Out
              </button>
            </li>
          </ul>
        </div>
      ) : null}
    </div>
  );
}
