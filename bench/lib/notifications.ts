// The notifications benchmark: Parley's post path with notifications off
// (PARLEY_NOTIFICATIONS=off) and on, alternating round by round, each server
// on a fresh copy of the data. On, with the product's 2-minute delay
// (PARLEY_NOTIFY_DELAY_S) and a run of 150 s, so that the first mails go out
// while the posts still come, to an SMTP server in this process (smtp-server
// on 127.0.0.1) that takes each mail and drops it; `--notify-delay 5` mails
// each conversation's owner about every 5 s instead, 24 times the mail, to
// stress the sending. The figures: what notifications cost the post path,
// and how many mails a second reach the SMTP server, from the first to the
// last.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { roundRates, type LoadResult } from './http';
import { runPostLoad, startParley, type PostingOptions } from './processes';

export interface NotificationsResult {
  kind: 'notifications';
  /** PARLEY_NOTIFY_DELAY_S while on */
  delayS: number;
  /** the post path with notifications off and on: the median round of each, with every round */
  off: LoadResult;
  on: LoadResult;
  /** the mails of the on round with the median mail rate */
  mails: number;
  mailsPerSecond: number;
  /** mails still to come when the posts stopped, and how long they took */
  backlogAtEnd: number;
  drainSeconds: number;
}

interface Sink {
  url: string;
  arrivals: number[];
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const arrivals: number[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        arrivals.push(performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, arrivals, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function runNotificationsBenchmark(
  options: PostingOptions & {
    /** a fresh copy of the data for each server */
    freshCopy: () => string;
    rounds: number;
    median: (results: LoadResult[]) => LoadResult;
    /** PARLEY_NOTIFY_DELAY_S while on */
    delayS: number;
  },
): Promise<NotificationsResult> {
  const off: LoadResult[] = [];
  const on: (LoadResult & { mail: Pick<NotificationsResult, 'mails' | 'mailsPerSecond' | 'backlogAtEnd' | 'drainSeconds'> })[] = [];
  const posts = async (env: NodeJS.ProcessEnv) => {
    const parley = await startParley(options.freshCopy(), options.parleyLog, env);
    return { parley, result: await runPostLoad(options, parley) };
  };
  for (let round = 1; round <= options.rounds; round++) {
    console.error(`… notifications, round ${round}: off`);
    const quiet = await posts({ PARLEY_NOTIFICATIONS: 'off' });
    await quiet.parley.stop();
    off.push(quiet.result);

    console.error(`… notifications, round ${round}: on`);
    const sink = await startSink();
    const loud = await posts({ PARLEY_NOTIFICATIONS: 'on', PARLEY_NOTIFY_DELAY_S: String(options.delayS), PARLEY_SMTP_URL: sink.url });
    try {
      const ended = performance.now();
      const atEnd = sink.arrivals.length;
      // drained: nothing new for 7 s (the sender looks every 5 s), or three minutes in all
      for (let last = -1; sink.arrivals.length !== last && performance.now() - ended < 180_000;) {
        last = sink.arrivals.length;
        await new Promise((r) => setTimeout(r, 7000));
      }
      const { arrivals } = sink;
      const first = arrivals[0] ?? ended;
      const lastAt = arrivals.at(-1) ?? ended;
      on.push({
        ...loud.result,
        mail: {
          mails: arrivals.length,
          mailsPerSecond: Math.round(arrivals.length / Math.max((lastAt - first) / 1000, 0.001)),
          backlogAtEnd: arrivals.length - atEnd,
          drainSeconds: Math.max(0, (lastAt - ended) / 1000),
        },
      });
    } finally {
      await loud.parley.stop();
      await sink.close();
    }
  }
  const byRate = [...on].sort((a, b) => a.mail.mailsPerSecond - b.mail.mailsPerSecond);
  return {
    kind: 'notifications',
    delayS: options.delayS,
    off: options.median(off),
    on: options.median(on),
    ...byRate[Math.floor((byRate.length - 1) / 2)]!.mail,
  };
}

/** The cost of notifications to the post path (at most 5 %), and the mails a second beside it. */
export function notificationRows(n: NotificationsResult | undefined) {
  if (!n) return [];
  const ratio = n.on.perSecond / Math.max(n.off.perSecond, 1);
  return [
    {
      benchmark: `Post message with notifications on (${n.delayS} s delay, mailed to a local SMTP server) ÷ off, 100 clients`,
      figure: `${n.on.perSecond}/s${roundRates(n.on)} beside ${n.off.perSecond}/s${roundRates(n.off)}: ${ratio.toFixed(2)} ×; p99 ${n.on.p99.toFixed(0)} ms beside ${n.off.p99.toFixed(0)} ms`,
      target: '≥ 0.95 × (at most 5 % slower)',
      result: ratio >= 0.95 && n.on.failures === 0 && n.off.failures === 0 ? ('pass' as const) : ('miss' as const),
    },
    {
      benchmark: 'Notification mails into a local SMTP server, while posting',
      figure: `${n.mailsPerSecond}/s (${n.mails} mails, ${n.backlogAtEnd} after the posts stopped, drained in ${n.drainSeconds.toFixed(1)} s)`,
      target: 'printed',
      result: '—' as const,
    },
  ];
}
