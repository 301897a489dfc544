// Parley's own SMTP server for replies (PARLEY_SMTP_INBOUND_PORT): point an
// MX or a relay at it. It takes mail for reply+…@PARLEY_MAIL_DOMAIN only,
// and hands each message to receiveMail once it has arrived whole.
import { SMTPServer } from 'smtp-server';
import type { Runtime } from '../kernel/context';
import { receiveMail, type InboundSettings } from './receive.service';

export interface InboundListener {
  port: number;
  close(): Promise<void>;
}

export async function startInboundSmtp(
  runtime: Runtime,
  settings: InboundSettings,
  listen: { port: number; host: string },
  log: (message: string, details: Record<string, unknown>) => void,
): Promise<InboundListener> {
  const domain = settings.mail.domain.toLowerCase();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const ok = /^reply\+[^@]+@(.+)$/i.exec(address.address)?.[1]?.toLowerCase() === domain;
      callback(ok ? undefined : Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        receiveMail(runtime, settings, Buffer.concat(chunks), envelope).then(
          () => callback(),
          (error: unknown) => {
            log('inbound mail failed; the sender is told to try later', { error: error instanceof Error ? error.message : String(error) });
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  return {
    port: (server.server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
