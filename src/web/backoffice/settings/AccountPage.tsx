// My Account: my password, and signing out everywhere.
import { AccountSecurity } from '../../ui/AccountSecurity';
import { backoffice } from '../api';
import { useSession } from '../session';
import { usePageTitle } from '../shell/usePageTitle';

export function AccountPage() {
  usePageTitle('My Account');
  const { user, signOut } = useSession();
  return (
    <div className="page account-page">
      <h1>My Account</h1>
      <p className="page-intro muted">
        Signed in as {user.name} ({user.email}).
      </p>
      <AccountSecurity
        cardClass="card account-card"
        changePassword={(current, next) => backoffice.changePassword(current, next)}
        signOutEverywhere={async () => {
          await backoffice.signOutEverywhere();
          await signOut();
        }}
      />
    </div>
  );
}
