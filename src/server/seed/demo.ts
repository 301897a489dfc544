// The demo data of the SPEC: the accounts the README lists, their records,
// and a few conversations with unread messages on both sides.
import type { Deps } from '../context';
import { hashPassword } from '../accounts';

export const DEMO_PASSWORD = 'parley-demo';

export const demoAccounts = {
  storefront: [
    { email: 'amanda@acme.example', name: 'Amanda Cole', customer: 'Acme Corporation', role: 'Buyer' },
    { email: 'marlene@acme.example', name: 'Marlene Bradley', customer: 'Acme Corporation', role: 'Administrator' },
    { email: 'ruth@acmewest.example', name: 'Ruth Ortiz', customer: 'Acme West', role: 'Buyer' },
    { email: 'nancy@globex.example', name: 'Nancy Sallee', customer: 'Globex Inc.', role: 'Buyer' },
  ],
  backoffice: [
    { email: 'john@parley.example', name: 'John Doe', role: 'Administrator' },
    { email: 'charlie@parley.example', name: 'Charlie Sheen', role: 'Sales Manager' },
  ],
};

const daysAgo = (days: number, minutes = 0) => new Date(Date.now() - days * 86_400_000 - minutes * 60_000).toISOString();

/** Seeds once: does nothing when the database already has customers. */
export async function seedDemoData(deps: Deps): Promise<boolean> {
  const existing = await deps.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAt = daysAgo(90);

  await deps.writer.run(async (trx) => {
    const bo = async (email: string, first: string, last: string, role: 'administrator' | 'sales_manager') =>
      (await trx.insertInto('backoffice_users').values({ email, first_name: first, last_name: last, role, password_hash: passwordHash, created_at: createdAt }).returning('id').executeTakeFirstOrThrow()).id;
    const john = await bo('john@parley.example', 'John', 'Doe', 'administrator');
    const charlie = await bo('charlie@parley.example', 'Charlie', 'Sheen', 'sales_manager');

    const customer = async (name: string, parentId: number | null, salesRepId: number | null) =>
      (await trx.insertInto('customers').values({ name, parent_id: parentId, sales_rep_id: salesRepId, created_at: createdAt }).returning('id').executeTakeFirstOrThrow()).id;
    const acme = await customer('Acme Corporation', null, charlie);
    const acmeWest = await customer('Acme West', acme, null);
    const globex = await customer('Globex Inc.', null, john);

    const user = async (customerId: number, email: string, first: string, last: string, role: 'buyer' | 'administrator') =>
      (await trx.insertInto('customer_users').values({ customer_id: customerId, email, first_name: first, last_name: last, role, password_hash: passwordHash, deleted_at: null, created_at: createdAt }).returning('id').executeTakeFirstOrThrow()).id;
    const amanda = await user(acme, 'amanda@acme.example', 'Amanda', 'Cole', 'buyer');
    const marlene = await user(acme, 'marlene@acme.example', 'Marlene', 'Bradley', 'administrator');
    const ruth = await user(acmeWest, 'ruth@acmewest.example', 'Ruth', 'Ortiz', 'buyer');
    const nancy = await user(globex, 'nancy@globex.example', 'Nancy', 'Sallee', 'buyer');

    const records: Record<string, number> = {};
    const record = async (type: 'order' | 'rfq' | 'quote', number: string, customerId: number, customerUserId: number, status: string, total: string, days: number) => {
      const at = daysAgo(days);
      records[number] = (await trx.insertInto('commerce_records').values({ type, number, customer_id: customerId, customer_user_id: customerUserId, status, total, currency: 'USD', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    };
    await record('order', 'SO-1001', acme, amanda, 'Shipped', '1250.00', 30);
    await record('order', 'SO-1002', acme, amanda, 'Processing', '480.50', 6);
    await record('rfq', 'RFQ-2001', acme, amanda, 'Submitted', '0.00', 12);
    await record('quote', 'Q-3001', acme, amanda, 'Open', '9800.00', 10);
    await record('order', 'SO-1003', acme, marlene, 'Closed', '2200.00', 45);
    await record('order', 'SO-1101', acmeWest, ruth, 'Processing', '310.00', 8);
    await record('order', 'SO-1102', acmeWest, ruth, 'Shipped', '95.25', 20);
    await record('rfq', 'RFQ-2101', acmeWest, ruth, 'Submitted', '0.00', 5);
    await record('quote', 'Q-3101', acmeWest, ruth, 'Open', '1540.00', 4);
    await record('order', 'SO-1201', globex, nancy, 'Shipped', '760.00', 15);
    await record('order', 'SO-1202', globex, nancy, 'Processing', '1299.99', 3);
    await record('rfq', 'RFQ-2201', globex, nancy, 'Submitted', '0.00', 9);
    await record('quote', 'Q-3201', globex, nancy, 'Open', '4300.00', 7);

    // Conversations are written here directly (not through the services) so that
    // their messages can carry past times; counters are computed the same way.
    type Line = { by: 'customer' | 'owner'; text: string; minutesAgo: number; system?: true };
    const conversation = async (c: {
      name: string; customerId: number; customerUserId: number; ownerId: number; recordId: number | null;
      status?: 'active' | 'closed'; lines: Line[]; customerRead: number; ownerRead: number;
    }) => {
      const first = c.lines[0]!.minutesAgo;
      const last = c.lines[c.lines.length - 1]!.minutesAgo;
      const conv = await trx.insertInto('conversations').values({
        name: c.name, status: c.status ?? 'active', customer_id: c.customerId, customer_user_id: c.customerUserId, owner_id: c.ownerId,
        source_record_id: c.recordId, messages_count: c.lines.filter((l) => !l.system).length, last_seq: c.lines.length,
        last_activity_at: daysAgo(0, last), created_at: daysAgo(0, first), updated_at: daysAgo(0, last),
      }).returning('id').executeTakeFirstOrThrow();
      const participant = async (customerUserId: number | null, backofficeUserId: number | null, read: number, by: Line['by']) => {
        const unread = c.lines.slice(read).filter((l) => l.by !== by).length;
        return (await trx.insertInto('participants').values({ conversation_id: conv.id, customer_user_id: customerUserId, backoffice_user_id: backofficeUserId, last_read_seq: read, unread_count: unread, created_at: daysAgo(0, first) }).returning('id').executeTakeFirstOrThrow()).id;
      };
      const customerP = await participant(c.customerUserId, null, c.customerRead, 'customer');
      const ownerP = await participant(null, c.ownerId, c.ownerRead, 'owner');
      let seq = 0;
      for (const line of c.lines) {
        seq += 1;
        await trx.insertInto('messages').values({ conversation_id: conv.id, seq, type: line.system ? 'system' : 'text', body: line.text, author_participant_id: line.by === 'customer' ? customerP : ownerP, sent_by_backoffice_user_id: null, created_at: daysAgo(0, line.minutesAgo) }).execute();
      }
    };

    await conversation({
      name: 'Order SO-1001', customerId: acme, customerUserId: amanda, ownerId: charlie, recordId: records['SO-1001']!,
      lines: [
        { by: 'customer', text: 'Hello, could you confirm the delivery date for this order?', minutesAgo: 3 * 1440 },
        { by: 'owner', text: 'Hi Amanda, it left our warehouse yesterday. You should have it **by Friday**.', minutesAgo: 3 * 1440 - 90 },
        { by: 'customer', text: 'Great, thanks! Can the invoice be addressed to our finance team?', minutesAgo: 2 * 1440 },
        { by: 'owner', text: 'Done: the invoice now goes to finance@acme.example.', minutesAgo: 95 },
        { by: 'owner', text: 'Anything else I can help with?', minutesAgo: 90 },
      ],
      customerRead: 3, ownerRead: 5,
    });
    await conversation({
      name: 'Request for Quote RFQ-2001', customerId: acme, customerUserId: amanda, ownerId: charlie, recordId: records['RFQ-2001']!,
      lines: [
        { by: 'customer', text: 'We need 500 units instead of 300. Can you update the request?', minutesAgo: 1440 },
        { by: 'customer', text: 'Also, is express shipping possible?', minutesAgo: 30 },
      ],
      customerRead: 2, ownerRead: 0,
    });
    await conversation({
      name: 'Payment terms', customerId: acme, customerUserId: amanda, ownerId: charlie, recordId: null, status: 'closed',
      lines: [
        { by: 'customer', text: 'Can we move to net 60 payment terms?', minutesAgo: 10 * 1440 },
        { by: 'owner', text: 'Approved from next month. Closing this one.', minutesAgo: 9 * 1440 },
        { by: 'owner', text: 'Charlie Sheen closed the conversation.', minutesAgo: 9 * 1440 - 1, system: true },
      ],
      customerRead: 3, ownerRead: 3,
    });
    await conversation({
      name: 'Order SO-1101', customerId: acmeWest, customerUserId: ruth, ownerId: charlie, recordId: records['SO-1101']!,
      lines: [
        { by: 'customer', text: 'Two items arrived damaged. What should I do?', minutesAgo: 300 },
        { by: 'owner', text: 'Sorry to hear that, Ruth. Please send a photo and we will ship replacements.', minutesAgo: 240 },
      ],
      customerRead: 1, ownerRead: 2,
    });
    await conversation({
      name: 'Quote Q-3201', customerId: globex, customerUserId: nancy, ownerId: john, recordId: records['Q-3201']!,
      lines: [
        { by: 'customer', text: 'Is this quote still valid next week?', minutesAgo: 600 },
        { by: 'owner', text: 'Yes, until the end of the month.', minutesAgo: 500 },
      ],
      customerRead: 1, ownerRead: 2,
    });
    // the closed conversation's history
    const closed = await trx.selectFrom('conversations').select('id').where('name', '=', 'Payment terms').executeTakeFirstOrThrow();
    await trx.insertInto('status_changes').values({ conversation_id: closed.id, from_status: 'active', to_status: 'closed', changed_by_backoffice_user_id: charlie, created_at: daysAgo(0, 9 * 1440 - 1) }).execute();
  });
  return true;
}
