// Set-password and reset links go by mail, through the outbox like every
// mail, queued in the same transaction as the link itself. Without an SMTP
// server the mail stays in Settings > Email > Outbox, and the link is also
// answered to whoever asked, so that an Administrator can pass it on.
import type { PasswordLink } from '../../shared/accounts';
import { mailRows, type NewMail } from '../mail';
import { escapeHtml } from '../notifications';
import type { PasswordTokenTable } from './password-tokens.table';

/** What accounts needs of the mail module: where links point, whether mail really leaves, and a nudge for the worker. */
export interface LinkMailer {
  publicUrl: string;
  domain: string;
  /** an SMTP server is set: the mail is sent, the link is not answered */
  sends: boolean;
  now(): number;
  wake(): void;
}

/** The mail's settings as plain data, for a command (which may run on the write thread). */
export interface LinkMailData {
  publicUrl: string;
  domain: string;
  sends: boolean;
  at: string;
}

export const linkMailData = (mailer: LinkMailer): LinkMailData => ({
  publicUrl: mailer.publicUrl,
  domain: mailer.domain,
  sends: mailer.sends,
  at: new Date(mailer.now()).toISOString(),
});

const WORDING: Record<PasswordTokenTable['purpose'], { kind: string; subject: string; intro: string; action: string; valid: string }> = {
  invite: {
    kind: 'invitation',
    subject: 'You are invited to Parley',
    intro: 'you have been invited to answer customers’ conversations in Parley.',
    action: 'Set your password',
    valid: 'This link works once, for 7 days.',
  },
  reset: {
    kind: 'password-reset',
    subject: 'Reset your Parley password',
    intro: 'someone (we hope you) asked to reset your password. If it was not you, ignore this mail: your password stays as it is.',
    action: 'Choose a new password',
    valid: 'This link works once, for 2 hours.',
  },
};

/** The link's mail, as outbox rows, and the link as answered (its URL only while no mail really leaves). */
export function linkMail(
  to: { email: string; firstName: string },
  purpose: PasswordTokenTable['purpose'],
  link: PasswordLink,
  data: LinkMailData,
): { rows: NewMail[]; answer: PasswordLink } {
  const w = WORDING[purpose];
  const url = `${data.publicUrl}${link.url}`;
  const text = [`Hello ${to.firstName},`, '', `${capitalised(w.intro)}`, '', `${w.action}: ${url}`, '', w.valid, '', '— Parley'].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(to.firstName)},</p>`,
    `<p>${escapeHtml(capitalised(w.intro))}</p>`,
    `<p><a href="${escapeHtml(url)}">${escapeHtml(w.action)}</a></p>`,
    `<p>${escapeHtml(w.valid)}</p>`,
  ].join('\n');
  const mail = { kind: w.kind, to: to.email, subject: w.subject, text, html, headers: { 'Auto-Submitted': 'auto-generated' } };
  const answer: PasswordLink = data.sends ? { expiresAt: link.expiresAt, delivered: true } : { ...link, delivered: false };
  return { rows: mailRows([mail], data.at, data.domain), answer };
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
