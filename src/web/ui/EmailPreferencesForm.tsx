// Email preferences, the same form on both sides: new messages (after a
// delay, a daily digest where allowed, never), assigned to me, status
// changes. Each change is saved at once.
import { useState } from 'react';
import type { NotificationPreferences } from '../../shared/mail';
import { ErrorAlert } from './ErrorAlert';
import { useLoad } from './useLoad';
import { Skeleton } from './chat/Skeleton';

export interface PreferencesApi {
  get(): Promise<NotificationPreferences>;
  save(changes: Partial<NotificationPreferences>): Promise<NotificationPreferences>;
}

const NEW_MESSAGES = [
  { value: 'delay', label: 'One email a few minutes after a message I have not read' },
  { value: 'digest', label: 'A daily digest' },
  { value: 'never', label: 'Never' },
] as const;

export function EmailPreferencesForm({ api, mayDigest, showAssigned }: { api: PreferencesApi; mayDigest: boolean; showAssigned: boolean }) {
  const loaded = useLoad(() => api.get(), []);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const prefs = loaded.data;

  const change = (changes: Partial<NotificationPreferences>) => {
    setSaving(true);
    setSaved(false);
    setError(null);
    api.save(changes).then(
      (next) => {
        loaded.setData(next);
        setSaving(false);
        setSaved(true);
      },
      (e: unknown) => {
        setSaving(false);
        setError(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  };

  if (!prefs) {
    return (
      <>
        <ErrorAlert>{loaded.error ? `Could not load your preferences: ${loaded.error.message}` : null}</ErrorAlert>
        {loaded.loading ? <Skeleton what="your preferences" rows={3} /> : null}
      </>
    );
  }
  return (
    <form className="email-preferences" aria-busy={saving} onSubmit={(e) => e.preventDefault()}>
      <ErrorAlert>{error}</ErrorAlert>
      <fieldset>
        <legend>New messages</legend>
        {NEW_MESSAGES.filter((o) => o.value !== 'digest' || mayDigest || prefs.newMessages === 'digest').map((o) => (
          <label key={o.value} className="choice">
            <input
              type="radio"
              name="newMessages"
              value={o.value}
              checked={prefs.newMessages === o.value}
              disabled={saving}
              onChange={() => change({ newMessages: o.value })}
            />{' '}
            {o.label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Also email me</legend>
        {showAssigned ? (
          <label className="choice">
            <input type="checkbox" checked={prefs.assigned} disabled={saving} onChange={(e) => change({ assigned: e.target.checked })} />{' '}
            When a conversation is assigned to me
          </label>
        ) : null}
        <label className="choice">
          <input
            type="checkbox"
            checked={prefs.statusChanges}
            disabled={saving}
            onChange={(e) => change({ statusChanges: e.target.checked })}
          />{' '}
          When a conversation of mine is closed or reopened
        </label>
      </fieldset>
      <p className="muted" role="status">
        {saving ? 'Saving…' : saved ? 'Saved.' : 'Changes are saved at once. Every email also has a link to stop it.'}
      </p>
    </form>
  );
}
