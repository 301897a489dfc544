// The SMTP side: nodemailer over the URL the operator gave
// (smtp://user:pass@host:587 upgrades with STARTTLS when offered, smtps://
// is TLS from the start).
import nodemailer from 'nodemailer';
import type { MailRow } from './mail.table';

export interface Transport {
  send(mail: MailRow): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport(url);
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
