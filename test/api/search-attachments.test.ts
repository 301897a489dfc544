// Search finds files by name once a message carries them, as a hit on that
// message ("📎 " and the name, the matched words marked), for whoever may see
// the message and nobody else; and the back-office narrows to messages that
// carry a file.
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { uploaded } from '../support/attachments';
import { expectError } from '../support/errors';
import { customerUserId, newConversation, ok } from '../support/fixtures';
import { hitKeys, marked, search, uniqueWord } from '../support/search';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describeApi('search over attachment names', (h) => {
  let amanda: Agent, nancy: Agent, john: Agent;
  beforeAll(async () => {
    [amanda, nancy, john] = [await h().as('amanda'), await h().as('nancy'), await h().as('john')];
  });

  it('finds a file by a prefix of its name once a message carries it, for those who see the message only', async () => {
    const w = uniqueWord();
    const file = await uploaded(amanda, `${w}-warranty-claim.pdf`, pdf(w));
    const { conversation } = await newConversation(amanda, { subject: 'Damaged delivery', message: 'See below' });
    // uploaded but not yet sent: nobody finds it
    expect((await search(amanda, { q: w })).items).toEqual([]);
    const message = ok(await amanda.post(`/conversations/${conversation.id}/messages`, { attachmentIds: [file.id] }), 201);

    for (const q of [w.slice(0, 5), `${w} warranty`, `${w} "warranty claim"`]) {
      const page = await search(amanda, { q });
      expect(hitKeys(page.items), q).toEqual([`m:${message.id}`]);
      expect(page.total).toBe(1);
    }
    const [hit] = (await search(amanda, { q: `${w} warr` })).items;
    expect(hit!.kind).toBe('message');
    expect(hit!.snippet.map((p) => p.text).join('')).toBe(`📎 ${w}-warranty-claim.pdf`);
    expect(marked(hit!)).toEqual([w, 'warranty']);
    expect(hitKeys((await search(john, { q: w })).items)).toEqual([`m:${message.id}`]);
    // another company's buyer: nothing, and no total
    expect(await search(nancy, { q: w })).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null });
  });

  it('never shows a customer a file on an internal note, not even by its exact name', async () => {
    const w = uniqueWord();
    const { conversation } = await newConversation(amanda, { subject: 'Pricing', message: 'Any discount?' });
    const file = await uploaded(john, `${w}-margin.pdf`, pdf(w));
    const note = ok(
      await john.post(`/conversations/${conversation.id}/messages`, { body: 'Our margin', type: 'note', attachmentIds: [file.id] }),
      201,
    );
    expect(hitKeys((await search(john, { q: `${w}-margin.pdf` })).items)).toEqual([`m:${note.id}`]);
    expect((await search(amanda, { q: `${w}-margin.pdf` })).total).toBe(0);
    expect((await search(amanda, { q: w })).items).toEqual([]);
  });

  it('narrows the back-office search to messages that carry a file, with or without words', async () => {
    const w = uniqueWord();
    const { conversation, message: plain } = await newConversation(amanda, { subject: `${w} photos`, message: `${w} before` });
    const file = await uploaded(amanda, 'photo.pdf', pdf(w));
    const withFile = ok(
      await amanda.post(`/conversations/${conversation.id}/messages`, { body: `${w} after`, attachmentIds: [file.id] }),
      201,
    );

    const everything = await search(john, { q: w });
    expect(hitKeys(everything.items).sort()).toEqual([`c:${conversation.id}`, `m:${plain.id}`, `m:${withFile.id}`].sort());
    // the conversation's name carries no file, nor does the first message
    expect(hitKeys((await search(john, { q: w, hasAttachment: 'true' })).items)).toEqual([`m:${withFile.id}`]);
    // no words: the filter alone narrows (here with the customer user)
    const amandaId = await customerUserId(john, 'amanda');
    const filesOfAmanda = await search(john, { hasAttachment: 'true', customerUserId: amandaId });
    expect(hitKeys(filesOfAmanda.items)).toContain(`m:${withFile.id}`);
    expect(hitKeys(filesOfAmanda.items)).not.toContain(`m:${plain.id}`);

    expectError(await john.get(`/search?q=${w}&hasAttachment=yes`), 400, 'VALIDATION_FAILED', { hasAttachment: expect.any(String) });
  });
});
