import { useLiveState } from '../../ui/live';
import { useLive, useOffline } from './live';

/** A discreet "Reconnecting…" in the top bar while the live socket is down (screens poll meanwhile) or the browser is offline. */
export function LiveStatus() {
  const state = useLiveState(useLive());
  const offline = useOffline();
  // the status region is always there, so screen readers announce the change when it fills
  return (
    <p className="live-status" role="status">
      {state === 'reconnecting' || offline ? (
        <>
          <span className="live-dot" aria-hidden="true" />
          Reconnecting…
        </>
      ) : null}
    </p>
  );
}
