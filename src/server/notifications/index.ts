// Notifications by mail. How it is put together:
//
// - The consumer (schedule.consumer.ts) follows the event stream: each new
//   message starts a wait for every participant who has not read it, one
//   wait per participant, so later messages merge into it.
// - The sender (sender.ts), one per instance, mails each wait older than
//   PARLEY_NOTIFY_DELAY_S with what is still unread and not mailed, unless
//   the participant read it meanwhile or chose otherwise; the wait is settled
//   and the mail queued (mail/) in one transaction that only one instance
//   wins.
// - The sender also settles each day's digest (digest.ts) for whoever chose it.
// - "Assigned to you" and "closed" / "reopened" mails (changes.ts) are
//   queued by a second consumer, at once, as each user's preferences say.
// - Reply-To carries a signed token naming the participant and the
//   conversation (tokens.ts); List-Unsubscribe a signed link.
import type { Consumer } from '../events';
import { notificationsConsumer, recordWaiting } from './schedule.consumer';
import { settleNotifications } from './sender';
import { preferenceCommands } from './preferences.service';
import { changeCommands, changesConsumer, type ChangeMailSettings } from './changes';
import { digestCommands } from './digest';

/**
 * Both consumers of notifications. Off (PARLEY_NOTIFICATIONS=off), they keep
 * their names and move their cursors without doing anything, so turning
 * notifications on again starts from then instead of mailing everything
 * posted meanwhile.
 */
export function notificationConsumers(settings: ChangeMailSettings & { enabled: boolean }): Consumer[] {
  const consumers = [notificationsConsumer(settings.clock), changesConsumer(settings)];
  if (settings.enabled) return consumers;
  const ignore = async () => undefined;
  return consumers.map((c) => ({ ...c, handle: ignore, handleBatch: ignore }));
}
export { startNotifier, type Notifier, type NotifierOptions } from './sender';
export { notificationsMigrations } from './notifications.migrations';
export { readReplyToken, readUnsubscribeToken, replyToken } from './tokens';
export { REPLY_MARKER } from './compose';
export { escapeHtml } from './markup';

export { preferenceRoutes, unsubscribeRoutes } from './preferences.routes';
export const notificationCommands = [recordWaiting, settleNotifications, ...preferenceCommands, ...changeCommands, ...digestCommands];
