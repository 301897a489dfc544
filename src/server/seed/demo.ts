// The demo data of the SPEC: the accounts the README lists, their records,
// and a few conversations with unread messages on both sides.
import type { Database } from '../db/database';
import { hashPassword } from '../accounts';
import { importConversation, type PastConversation } from '../conversations';
import { hasCustomers, insertBackofficeUser, insertCustomer, insertCustomerUser } from '../people';
import { insertRecord } from '../records';

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

/**
 * Seeds once: does nothing when the database already has customers. Runs at
 * start-up, before the writer starts and before anyone can connect, in one
 * transaction on the main connection, through each module's own inserts.
 */
export async function seedDemoData(database: Database): Promise<boolean> {
  if (await hasCustomers(database.db)) return false;
  // a hash per account, so that each has its own salt (one hash shared would share its salt)
  const hashes = await Promise.all(Array.from({ length: 6 }, () => hashPassword(DEMO_PASSWORD)));
  const passwordHash = () => hashes.pop()!;
  const createdAt = daysAgo(90);

  await database.db.transaction().execute(async (trx) => {
    const bo = (email: string, first_name: string, last_name: string, role: 'administrator' | 'sales_manager') =>
      insertBackofficeUser(trx, { email, first_name, last_name, role, password_hash: passwordHash(), created_at: createdAt });
    const john = await bo('john@parley.example', 'John', 'Doe', 'administrator');
    const charlie = await bo('charlie@parley.example', 'Charlie', 'Sheen', 'sales_manager');

    const customer = (name: string, parent_id: number | null, sales_rep_id: number | null) =>
      insertCustomer(trx, { name, parent_id, sales_rep_id, created_at: createdAt });
    const acme = await customer('Acme Corporation', null, charlie);
    const acmeWest = await customer('Acme West', acme, null);
    const globex = await customer('Globex Inc.', null, john);

    const user = (customer_id: number, email: string, first_name: string, last_name: string, role: 'buyer' | 'administrator') =>
      insertCustomerUser(trx, {
        customer_id,
        email,
        first_name,
        last_name,
        role,
        password_hash: passwordHash(),
        deleted_at: null,
        created_at: createdAt,
      });
    const amanda = await user(acme, 'amanda@acme.example', 'Amanda', 'Cole', 'buyer');
    const marlene = await user(acme, 'marlene@acme.example', 'Marlene', 'Bradley', 'administrator');
    const ruth = await user(acmeWest, 'ruth@acmewest.example', 'Ruth', 'Ortiz', 'buyer');
    const nancy = await user(globex, 'nancy@globex.example', 'Nancy', 'Sallee', 'buyer');

    const records: Record<string, number> = {};
    const record = async (
      type: 'order' | 'rfq' | 'quote',
      number: string,
      customer_id: number,
      customer_user_id: number,
      status: string,
      total: string,
      days: number,
    ) => {
      const at = daysAgo(days);
      records[number] = await insertRecord(trx, {
        type,
        number,
        customer_id,
        customer_user_id,
        status,
        total,
        currency: 'USD',
        created_at: at,
        updated_at: at,
        deleted_at: null,
      });
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

    // Conversations with their past: messages carry their own times, and
    // counters and read marks are what the live path would have left.
    type Line = { by: 'customer' | 'owner'; text: string; minutesAgo: number; system?: true };
    const conversation = (c: Omit<PastConversation, 'lines'> & { lines: Line[] }) =>
      importConversation(trx, { ...c, lines: c.lines.map(({ minutesAgo, ...line }) => ({ ...line, at: daysAgo(0, minutesAgo) })) });

    await conversation({
      name: 'Order SO-1001',
      customerId: acme,
      customerUserId: amanda,
      ownerId: charlie,
      recordId: records['SO-1001']!,
      lines: [
        { by: 'customer', text: 'Hello, could you confirm the delivery date for this order?', minutesAgo: 3 * 1440 },
        { by: 'owner', text: 'Hi Amanda, it left our warehouse yesterday. You should have it **by Friday**.', minutesAgo: 3 * 1440 - 90 },
        { by: 'customer', text: 'Great, thanks! Can the invoice be addressed to our finance team?', minutesAgo: 2 * 1440 },
        { by: 'owner', text: 'Done: the invoice now goes to finance@acme.example.', minutesAgo: 95 },
        { by: 'owner', text: 'Anything else I can help with?', minutesAgo: 90 },
      ],
      customerRead: 3,
      ownerRead: 5,
    });
    await conversation({
      name: 'Request for Quote RFQ-2001',
      customerId: acme,
      customerUserId: amanda,
      ownerId: charlie,
      recordId: records['RFQ-2001']!,
      lines: [
        { by: 'customer', text: 'We need 500 units instead of 300. Can you update the request?', minutesAgo: 1440 },
        { by: 'customer', text: 'Also, is express shipping possible?', minutesAgo: 30 },
      ],
      customerRead: 2,
      ownerRead: 0,
    });
    await conversation({
      name: 'Payment terms',
      customerId: acme,
      customerUserId: amanda,
      ownerId: charlie,
      recordId: null,
      status: 'closed',
      lines: [
        { by: 'customer', text: 'Can we move to net 60 payment terms?', minutesAgo: 10 * 1440 },
        { by: 'owner', text: 'Approved from next month. Closing this one.', minutesAgo: 9 * 1440 },
        { by: 'owner', text: 'Charlie Sheen closed the conversation.', minutesAgo: 9 * 1440 - 1, system: true },
      ],
      customerRead: 3,
      ownerRead: 3,
      statusChanges: [{ from: 'active', to: 'closed', at: daysAgo(0, 9 * 1440 - 1) }],
    });
    await conversation({
      name: 'Order SO-1101',
      customerId: acmeWest,
      customerUserId: ruth,
      ownerId: charlie,
      recordId: records['SO-1101']!,
      lines: [
        { by: 'customer', text: 'Two items arrived damaged. What should I do?', minutesAgo: 300 },
        { by: 'owner', text: 'Sorry to hear that, Ruth. Please send a photo and we will ship replacements.', minutesAgo: 240 },
      ],
      customerRead: 1,
      ownerRead: 2,
    });
    await conversation({
      name: 'Quote Q-3201',
      customerId: globex,
      customerUserId: nancy,
      ownerId: john,
      recordId: records['Q-3201']!,
      lines: [
        { by: 'customer', text: 'Is this quote still valid next week?', minutesAgo: 600 },
        { by: 'owner', text: 'Yes, until the end of the month.', minutesAgo: 500 },
      ],
      customerRead: 1,
      ownerRead: 2,
    });
  });
  return true;
}
