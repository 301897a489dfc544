// My Account: my password, and signing out everywhere.
import { AccountSecurity } from '../ui/AccountSecurity';
import { storefront } from './api';
import { navigate } from './router';
import { useSession } from './session';
import { usePageTitle } from './usePageTitle';

export function AccountPage() {
  usePageTitle('My Account');
  const { user, signOut } = useSession();
  return (
    <div className="page account-page">
      <h1>My Account</h1>
      <p className="muted">
        Signed in as {user?.name} ({user?.email}).
      </p>
      <AccountSecurity
        cardClass="card account-card"
        changePassword={(current, next) => storefront.changePassword(current, next)}
        signOutEverywhere={async () => {
          await storefront.signOutEverywhere();
          await signOut();
          navigate('/sign-in');
        }}
      />
    </div>
  );
}
