import { EmailPreferencesForm, type PreferencesApi } from '../ui/EmailPreferencesForm';
import { storefront } from './api';
import { useSession } from './session';
import { usePageTitle } from './usePageTitle';

const preferencesApi: PreferencesApi = {
  get: storefront.preferences,
  save: storefront.savePreferences,
};

/** My email preferences; a customer Administrator may also choose a daily digest of the company's conversations. */
export function EmailPreferencesPage() {
  usePageTitle('Email preferences');
  const { user } = useSession();
  return (
    <div className="page">
      <div className="page-head">
        <h1>Email preferences</h1>
      </div>
      <EmailPreferencesForm api={preferencesApi} mayDigest={user?.role === 'administrator'} showAssigned={false} />
    </div>
  );
}
