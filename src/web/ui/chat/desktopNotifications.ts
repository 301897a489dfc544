// Optional desktop notifications for messages that arrive while the tab is
// hidden. The browser's own permission prompt is shown once (on a user's
// action, as browsers require), never again whatever the answer; nothing is
// shown while the tab is visible, since the page itself shows the message.

const ASKED = 'parley.notifications.asked';

const supported = () => typeof window !== 'undefined' && 'Notification' in window;

/** Whether the prompt was shown already (or cannot be). */
export function notificationsAsked(): boolean {
  if (!supported() || Notification.permission !== 'default') return true;
  try {
    return localStorage.getItem(ASKED) === '1';
  } catch {
    return true;
  }
}

/** Shows the browser's permission prompt the first time only; call it from a click or a send. */
export function askForNotificationsOnce(): void {
  if (notificationsAsked()) return;
  try {
    localStorage.setItem(ASKED, '1');
  } catch {
    return;
  }
  void Notification.requestPermission().catch(() => undefined);
}

/**
 * A notification for something new, only while the tab is hidden and the user
 * allowed it; `tag` (e.g. the conversation) replaces an older one of the same
 * conversation; clicking brings the tab back and calls `onClick`.
 */
export function notifyWhileHidden(title: string, options: { body: string; tag: string; onClick?(): void }): void {
  if (!supported() || Notification.permission !== 'granted' || document.visibilityState !== 'hidden') return;
  const n = new Notification(title, { body: options.body.slice(0, 200), tag: options.tag });
  n.onclick = () => {
    window.focus();
    options.onClick?.();
    n.close();
  };
}
