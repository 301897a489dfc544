// The SMTP side: nodemailer over the URL the operator gave
// (smtp://user:pass@host:587 upgrades with STARTTLS when offered, smtps://
// is TLS from the start). Pooled: a few connections kept open and used in
// turn, instead of a connection (and a TLS handshake) per mail; the URL may
// say otherwise (?pool=false, ?maxConnections=2).
import nodemailer from 'nodemailer';
import type { MailRow } from './mail.table';

export interface Transport {
  send(mail: MailRow): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string, from: string): Transport {
  const pooled = new URL(url);
  if (!pooled.searchParams.has('pool')) pooled.searchParams.set('pool', 'true');
  const transporter = nodemailer.createTransport(pooled.toString());
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.message_id}>`,
        headers: JSON.parse(mail.headers) as Record<string, string>,
      });
    },
    close: () => transporter.close(),
  };
}
