// One rule for a conversation's source record, on both sides: an order, RFQ
// or quote of the conversation's own customer.
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { customerUserId, ok, unique } from '../support/fixtures';

const WRONG = { recordId: "Choose an order, RFQ or quote of the conversation's customer." };

describeApi("a conversation's source record", (h) => {
  let marlene: Agent, john: Agent;
  let ruthsOrder: number, amandasOrder: number, marleneId: number, amandaId: number;
  beforeAll(async () => {
    [marlene, john] = await Promise.all([h().as('marlene'), h().as('john')]);
    const [ruth, amanda] = await Promise.all([h().as('ruth'), h().as('amanda')]);
    ruthsOrder = ok(await ruth.get('/orders')).items[0].id;
    amandasOrder = ok(await amanda.get('/orders')).items[0].id;
    [marleneId, amandaId] = await Promise.all([customerUserId(john, 'marlene'), customerUserId(john, 'amanda')]);
  });

  it("refuses a sub-customer's record for a conversation of the parent customer, on the storefront as in the back-office", async () => {
    // Marlene (Acme's Administrator) may see Ruth's order (Acme West) ...
    expect(ok(await marlene.get(`/orders/${ruthsOrder}`)).customer.name).toBe('Acme West');
    // ... but a conversation of Acme cannot be about it, whoever starts it
    const storefront = await marlene.post('/conversations', { subject: unique(), message: 'About this order', recordId: ruthsOrder });
    expectError(storefront, 400, 'VALIDATION_FAILED', WRONG);
    const backoffice = await john.post('/conversations', { name: unique(), customerUserId: marleneId, recordId: ruthsOrder });
    expectError(backoffice, 400, 'VALIDATION_FAILED', WRONG);
  });

  it("links a record of the conversation's own customer, on both sides", async () => {
    const asked = ok(await marlene.post('/conversations', { subject: unique(), message: 'About this order', recordId: amandasOrder }), 201);
    expect(asked.conversation.source.id).toBe(amandasOrder);
    const started = ok(await john.post('/conversations', { name: unique(), customerUserId: amandaId, recordId: amandasOrder }), 201);
    expect(started.conversation.source.id).toBe(amandasOrder);
  });
});
