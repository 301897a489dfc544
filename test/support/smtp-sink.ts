// A real SMTP server on 127.0.0.1 (smtp-server) that Parley sends to: it
// keeps every mail it takes, parsed with mailparser, and can refuse the next
// ones with a temporary or a permanent error.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  to: string[];
  /** a header's value as text ('' when absent) */
  header(name: string): string;
}

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** refuses the next `n` mails at DATA with `code` (451: try later; 550: refused) */
  refuse(n: number, code?: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          const error = Object.assign(new Error('Mailbox busy, try later'), { responseCode: refusalCode });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              raw,
              parsed,
              to: session.envelope.rcptTo.map((r) => r.address),
              header: (name) => {
                const line = parsed.headerLines.find((l) => l.key === name.toLowerCase());
                return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : '';
              },
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuse(n, code = 451) {
      refusals = n;
      refusalCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
