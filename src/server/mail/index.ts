// Mail: the outbox every mail goes through, and the worker that sends it.
//
// - A mail is a row of mail_outbox first, written in the same transaction as
//   whatever decided it (addMails, inside another module's command) or by
//   sendMail; a dedupe key makes a repeated decision add nothing.
// - The worker (worker.ts), one per instance, claims due rows with a
//   conditional update and sends them through nodemailer to PARLEY_SMTP_URL;
//   a refusal is retried with backoff (retries.ts) and in the end shown as
//   failed. Without PARLEY_SMTP_URL the mails are kept in the outbox, which
//   an Administrator reads in Settings > Email > Outbox.
export { addMails, mailRows, newMessageId, sendMail, mailCommands, iso, type MailSettings, type OutgoingMail } from './outbox.service';
export { isOurMessageId, mailCount, mailKey, type NewMail } from './outbox.repo';
export { outboxRoutes } from './mail.routes';
export { startMailWorker, type MailWorker, type MailWorkerOptions } from './worker';
export { smtpTransport, type Transport } from './transport';
export { mailMigrations } from './mail.migrations';
