// What the bench data looks like, independent of the database it goes into.
// Counters are computed the way thread.ts keeps them: last_seq counts every
// message, messages_count only text ones; an author has read up to their own
// last message; unread = messages after last_read_seq by someone else.
import type { Cell, Sink, Table } from './tables';
import { bodyPool, companyName, firstNames, lastNames, pick, seeded, subjects } from './words';

export interface DemoIds {
  acme: number;
  acmeWest: number;
  globex: number;
  amanda: number;
  marlene: number;
  john: number;
  charlie: number;
  /** the demo's own conversations of Amanda and of Acme */
  amandaConversations: number;
  acmeConversations: number;
}

export interface PlanInput {
  /** 1 = large, 0.1 = small */
  scale: number;
  now: number;
  passwordHash: string;
  demo: DemoIds;
  /** first free id of each table */
  nextId: Record<Table, number>;
}

export interface Manifest {
  scale: number;
  counts: { customers: number; customerUsers: number; conversations: number; messages: number };
  /** a 5,000-message conversation of Amanda's */
  heavyConversationId: number;
  heavyMessages: number;
  acmeConversations: number;
  amandaConversations: number;
  /** buyers of ordinary customers, each with active conversations to post into */
  posters: { email: string; conversationIds: number[] }[];
}

const HEAVY_MESSAGES = 5000;
const DAY = 86_400_000;
const MINUTE = 60_000;

export async function generate(input: PlanInput, sink: Sink, flushAt = 100_000): Promise<Manifest> {
  const random = seeded(20261127);
  const { scale, demo, now, passwordHash } = input;
  const next = { ...input.nextId };
  const id = (table: Table) => next[table]++;
  const iso = (ms: number) => new Date(ms).toISOString();
  const longAgo = iso(now - 730 * DAY);
  const add = (table: Table, row: Cell[]) => sink.add(table, row);
  const n = (x: number) => Math.max(1, Math.round(x * scale));

  // Back-office users: the demo's two and a sales team.
  const agents = [demo.john, demo.charlie];
  for (let i = 0; i < n(50); i++) {
    const agent = id('backoffice_users');
    add('backoffice_users', [
      agent,
      `agent${agent}@parley.bench`,
      pick(random, firstNames),
      pick(random, lastNames),
      'sales_manager',
      passwordHash,
      longAgo,
    ]);
    agents.push(agent);
  }

  // Customers: Acme (demo) and two more are the big ones, with 10,000 conversations each at large.
  const salesRep = new Map<number, number | null>([
    [demo.acme, demo.charlie],
    [demo.acmeWest, null],
    [demo.globex, demo.john],
  ]);
  const regularCustomers = [demo.acmeWest, demo.globex];
  const big = [demo.acme];
  for (let i = 0; i < n(1000) - 3; i++) {
    const customer = id('customers');
    const rep = random() < 0.9 ? pick(random, agents) : null;
    // a tenth are sub-customers of an ordinary customer
    const parent = regularCustomers.length > 10 && random() < 0.1 ? pick(random, regularCustomers) : null;
    add('customers', [customer, companyName(random, customer), parent, rep, longAgo]);
    salesRep.set(customer, rep);
    if (big.length < 3) big.push(customer);
    else regularCustomers.push(customer);
  }

  // Customer users: the first of each customer is its Administrator.
  const usersOf = new Map<number, number[]>([[demo.acme, [demo.amanda, demo.marlene]]]);
  const customerOf = new Map<number, number>();
  const emailOf = new Map<number, string>();
  const addUser = (customer: number) => {
    const user = id('customer_users');
    const list = usersOf.get(customer) ?? [];
    const email = `u${user}@c${customer}.bench.example`;
    add('customer_users', [
      user,
      customer,
      email,
      pick(random, firstNames),
      pick(random, lastNames),
      list.length === 0 ? 'administrator' : 'buyer',
      passwordHash,
      null,
      longAgo,
    ]);
    list.push(user);
    usersOf.set(customer, list);
    customerOf.set(user, customer);
    emailOf.set(user, email);
  };
  for (const customer of big) for (let i = 0; i < n(100); i++) addUser(customer);
  for (const customer of regularCustomers.slice(2)) addUser(customer);
  const remainingUsers = n(10_000) - 4 - big.length * n(100) - (regularCustomers.length - 2);
  for (let i = 0; i < remainingUsers; i++) addUser(pick(random, regularCustomers.slice(2)));
  const regularUsers = regularCustomers.slice(2).flatMap((c) => usersOf.get(c) ?? []);
  await sink.flush();

  // Who each conversation belongs to, shuffled so ids do not follow customers.
  const specs: { customer: number; user: number }[] = [];
  const perBig = n(10_000);
  const amandaTarget = n(500) - demo.amandaConversations;
  const acmeOthers = usersOf.get(demo.acme)!.filter((u) => u !== demo.amanda);
  for (let i = 0; i < amandaTarget; i++) specs.push({ customer: demo.acme, user: demo.amanda });
  for (let i = 0; i < perBig - demo.acmeConversations - amandaTarget; i++)
    specs.push({ customer: demo.acme, user: pick(random, acmeOthers) });
  for (const customer of big.slice(1))
    for (let i = 0; i < perBig; i++) specs.push({ customer, user: pick(random, usersOf.get(customer)!) });
  while (specs.length < n(100_000)) {
    const user = pick(random, regularUsers);
    specs.push({ customer: customerOf.get(user)!, user });
  }
  for (let i = specs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [specs[i], specs[j]] = [specs[j]!, specs[i]!];
  }

  // Message counts: a few 5,000-message threads (the first is Amanda's), the
  // rest Pareto-distributed so that most threads are short and a few are long.
  const heavyCount = Math.max(2, Math.round(20 * scale));
  const heavy = new Set<number>([specs.findIndex((s) => s.user === demo.amanda)]);
  while (heavy.size < heavyCount) heavy.add(Math.floor(random() * specs.length));
  const budget = n(2_000_000) - heavyCount * HEAVY_MESSAGES;
  const weights = specs.map((_, i) => (heavy.has(i) ? 0 : Math.min(300, random() ** (-1 / 1.2))));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const spare = budget - (specs.length - heavyCount);
  const counts = weights.map((w, i) => (heavy.has(i) ? HEAVY_MESSAGES : 1 + Math.floor((w / weightSum) * spare)));
  for (let left = budget + heavyCount * HEAVY_MESSAGES - counts.reduce((a, b) => a + b, 0); left > 0;) {
    const i = Math.floor(random() * specs.length);
    if (heavy.has(i)) continue;
    counts[i]! += 1;
    left--;
  }

  const bodies = bodyPool(random);
  const posterConversations = new Map<number, number[]>();
  let heavyConversationId = 0;
  let messages = 0;
  const authors = new Uint8Array(HEAVY_MESSAGES + 10_000);
  const times = new Float64Array(HEAVY_MESSAGES + 10_000);

  for (const [i, spec] of specs.entries()) {
    const conversation = id('conversations');
    const count = counts[i]!;
    const isHeavy = heavy.has(i);
    if (isHeavy && spec.user === demo.amanda && !heavyConversationId) heavyConversationId = conversation;
    const ownerId = random() < 0.95 ? (salesRep.get(spec.customer) ?? pick(random, agents)) : null;
    const closed = !isHeavy && ownerId !== null && count >= 2 && random() < 0.1;

    // times: recent activity is likelier; a heavy thread spans about 100 days
    const end = now - MINUTE - Math.floor(random() ** 3 * 180 * DAY);
    const gap = isHeavy ? 30 * MINUTE : Math.floor((2 + random() * 240) * MINUTE);
    for (let seq = 1; seq <= count; seq++) times[seq] = end - (count - seq) * gap - (seq < count ? Math.floor(random() * gap * 0.5) : 0);
    const at = (seq: number) => times[seq]!;

    // authors: 0 customer user, 1 owner; a closed thread ends with the owner's system message
    authors[1] = 0;
    for (let seq = 2; seq <= count; seq++)
      authors[seq] = ownerId === null ? 0 : random() < 0.35 ? authors[seq - 1]! : 1 - authors[seq - 1]!;
    if (closed) authors[count] = 1;

    let record: number | null = null;
    let name = pick(random, subjects);
    if (random() < 0.3) {
      record = id('commerce_records');
      const [type, label, prefix] = pick(random, [
        ['order', 'Order', 'SO'],
        ['rfq', 'Request for Quote', 'RFQ'],
        ['quote', 'Quote', 'Q'],
      ] as const);
      const number = `${prefix}-${100_000 + record}`;
      const recordAt = iso(at(1) - DAY);
      add('commerce_records', [
        record,
        type,
        number,
        spec.customer,
        spec.user,
        'Processing',
        (random() * 10_000).toFixed(2),
        'USD',
        recordAt,
        recordAt,
      ]);
      name = `${label} ${number}`;
    }

    const textCount = closed ? count - 1 : count;
    add('conversations', [
      conversation,
      name,
      closed ? 'closed' : 'active',
      spec.customer,
      spec.user,
      ownerId,
      record,
      textCount,
      count,
      iso(at(count)),
      iso(at(1)),
      iso(at(count)),
    ]);

    const participant = (who: 0 | 1) => {
      let lastOwn = 0;
      for (let seq = 1; seq <= count; seq++) if (authors[seq] === who) lastOwn = seq;
      const read = random() < 0.6 ? count : lastOwn + Math.floor(random() * (count - lastOwn + 1));
      let unread = 0;
      for (let seq = read + 1; seq <= count; seq++) if (authors[seq] !== who) unread++;
      const pid = id('participants');
      add('participants', [pid, conversation, who === 0 ? spec.user : null, who === 1 ? ownerId : null, read, unread, iso(at(1))]);
      return pid;
    };
    const customerParticipant = participant(0);
    const ownerParticipant = ownerId === null ? customerParticipant : participant(1);

    for (let seq = 1; seq <= count; seq++) {
      const system = closed && seq === count;
      const body = system ? 'A sales manager closed the conversation.' : bodies[Math.floor(random() * bodies.length)]!;
      add('messages', [
        id('messages'),
        conversation,
        seq,
        system ? 'system' : 'text',
        body,
        authors[seq] === 0 ? customerParticipant : ownerParticipant,
        null,
        iso(at(seq)),
      ]);
    }
    if (closed) add('status_changes', [id('status_changes'), conversation, 'active', 'closed', ownerId, iso(at(count))]);
    messages += count;

    if (!closed && !isHeavy && customerOf.get(spec.user) !== undefined && !big.includes(spec.customer)) {
      const list = posterConversations.get(spec.user) ?? [];
      if (list.length < 5) posterConversations.set(spec.user, [...list, conversation]);
    }
    if (sink.pending >= flushAt) await sink.flush();
  }
  await sink.flush();

  const posters = [...posterConversations.entries()]
    .slice(0, 500)
    .map(([user, conversationIds]) => ({ email: emailOf.get(user)!, conversationIds }));
  return {
    scale,
    counts: { customers: n(1000), customerUsers: n(10_000), conversations: specs.length, messages },
    heavyConversationId,
    heavyMessages: HEAVY_MESSAGES,
    acmeConversations: perBig,
    amandaConversations: n(500),
    posters,
  };
}
