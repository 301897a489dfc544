// The mail suites' harness: the real app on this run's database with a clock
// the test moves and a quick mail worker, sending to a real SMTP server
// (smtp-sink.ts) unless `smtp: false` (then every mail is kept in the outbox).
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { kind, signIn, type ActorName, type Agent } from './api';
import { testClock } from './clock';
import { createTestDatabase, type TestDatabase } from './databases';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export interface MailHarness {
  built: BuiltApp;
  as(name: ActorName): Promise<Agent>;
  clock: ReturnType<typeof testClock>;
  sink: SmtpSink;
  /** another instance on the same database, clock and SMTP server (`env` added to the suite's); closed with the suite */
  anotherInstance(env?: Record<string, string>): Promise<BuiltApp>;
}

/** The mails the sink took for `to` whose subject contains `subject`. */
export const mailsFor = (sink: SmtpSink, to: string, subject: string) =>
  sink.received.filter((m) => m.to.includes(to) && (m.parsed.subject ?? '').includes(subject));

export function describeMail(
  title: string,
  options: { env?: Record<string, string>; smtp?: boolean },
  body: (h: () => MailHarness) => void,
) {
  let harness: MailHarness | undefined;
  let db: TestDatabase | undefined;
  const others: BuiltApp[] = [];
  const skip = kind === 'postgres' && !inject('postgres').ok;

  describe.skipIf(skip)(`${title} [${kind}]`, () => {
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      const clock = testClock();
      const sink = await startSmtpSink();
      const env = {
        LOG_LEVEL: 'silent',
        PARLEY_SIGNIN_PER_ADDRESS: '1000',
        PARLEY_MAIL_FROM: 'Parley <parley@mail.test>',
        ...(options.smtp === false ? {} : { PARLEY_SMTP_URL: sink.url }),
        ...options.env,
      };
      const pace = { clock, mail: { pollMs: 20, notifyPollMs: 30 }, consumers: { options: { pollMs: 50 } } };
      const built = await buildApp(loadConfig(env), { database: db.database, ...pace });
      const dbUrl = db.url;
      const agents = new Map<ActorName, Agent>();
      harness = {
        built,
        clock,
        sink,
        anotherInstance: async (more = {}) => {
          const other = await buildApp(loadConfig({ ...env, DATABASE_URL: dbUrl, PARLEY_SEED: 'none', ...more }), pace);
          others.push(other);
          return other;
        },
        as: async (name) => {
          if (!agents.has(name)) agents.set(name, await signIn(built.app, name));
          return agents.get(name)!;
        },
      };
    });
    afterAll(async () => {
      for (const other of others) await other.app.close();
      await harness?.built.app.close();
      await harness?.sink.close();
      await db?.drop();
    });
    body(() => {
      if (!harness) throw new Error('the suite did not start');
      return harness;
    });
  });
}
