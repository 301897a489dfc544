import './email.css';
import type { ReactNode } from 'react';
import { EmailPreferencesForm } from '../../ui/EmailPreferencesForm';
import { usePageTitle } from '../shell/usePageTitle';
import { emailPreferencesPath, outboxPath, preferencesApi } from './emailApi';
import { OutboxPage } from './OutboxPage';

function PreferencesPage() {
  usePageTitle('Email preferences');
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">Settings › Email</p>
          <h1>Email preferences</h1>
        </div>
      </div>
      <EmailPreferencesForm api={preferencesApi} mayDigest showAssigned />
    </div>
  );
}

/** The page of a Settings > Email path, or null when the path is not one of them. */
export function emailRoute(pathname: string): ReactNode {
  if (pathname === outboxPath) return <OutboxPage />;
  if (pathname === emailPreferencesPath) return <PreferencesPage />;
  return null;
}
