// Full-text search: words as prefixes, "quoted phrases", case and accents
// folded, ranked by relevance then recency, snippets of plain text with the
// matched words marked, keyset pages with a total, and bad input answered
// with a 400 or searched literally, never a 500.
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { newConversation, postMessage } from '../support/fixtures';
import type { SearchPage } from '../../src/shared/search';
import { hitKeys, marked, search, uniqueWord, writeMessagesDirectly } from '../support/search';

describeApi('search', (h) => {
  let amanda: Agent, john: Agent;
  beforeAll(async () => {
    [amanda, john] = [await h().as('amanda'), await h().as('john')];
  });

  it('finds the last word by its prefix and the others whole, in message bodies and conversation names', async () => {
    const w = uniqueWord();
    const { conversation, message } = await newConversation(amanda, {
      subject: `Invoice ${w}invoice`,
      message: `Where is the ${w}invoice?`,
    });
    for (const q of [w.slice(0, 6), `${w}inv`, `${w}invoice`]) {
      const page = await search(amanda, { q });
      expect(hitKeys(page.items).sort(), q).toEqual([`c:${conversation.id}`, `m:${message.id}`].sort());
      expect(page.total).toBe(2);
    }
    expect((await search(amanda, { q: `${w}invoices` })).items).toEqual([]);
    // the last word is the one being typed: the words before it are whole words
    expect((await search(amanda, { q: `${w.slice(0, 6)} where` })).items).toEqual([]);
    expect(hitKeys((await search(amanda, { q: `${w}invoice whe` })).items)).toEqual([`m:${message.id}`]);
    // every word must match
    expect((await search(amanda, { q: `${w} ${uniqueWord()}` })).items).toEqual([]);
  });

  it('finds a quoted phrase only with its words in that order', async () => {
    const w = uniqueWord();
    const { conversation } = await newConversation(amanda, { subject: w, message: `${w} pay net thirty days` });
    const other = await postMessage(amanda, conversation.id, `${w} thirty days net`);
    const inOrder = await search(amanda, { q: `${w} "net thirty"` });
    expect(hitKeys(inOrder.items)).toHaveLength(1);
    expect(marked(inOrder.items[0]!)).toEqual([w, 'net thirty']);
    const loose = await search(amanda, { q: `${w} net thirty` });
    expect(hitKeys(loose.items)).toContain(`m:${other.id}`);
    expect(loose.total).toBe(2);
  });

  it('folds case and accents, both ways', async () => {
    const w = uniqueWord();
    const { message } = await newConversation(amanda, { subject: 'Dessert', message: `${w.toUpperCase()} Crème BRÛLÉE à Zürich` });
    for (const q of [`${w} creme brulee zurich`, `${w.toUpperCase()} CRÈME`, `${w} "brûlée a zürich"`, `${w} BRU`]) {
      const page = await search(amanda, { q });
      expect(hitKeys(page.items), q).toEqual([`m:${message.id}`]);
    }
    const page = await search(amanda, { q: `${w} creme` });
    expect(marked(page.items[0]!)).toEqual([`${w.toUpperCase()} Crème`]);
  });

  it('ranks by relevance, then the newest first', async () => {
    const w = uniqueWord();
    const { conversation, message: once } = await newConversation(amanda, {
      subject: 'Ranking',
      message: `${w} appears once in this rather long message about shipping, pallets, invoices and delivery windows`,
    });
    const often = await postMessage(amanda, conversation.id, `${w} ${w} ${w}: three times`);
    const older = await postMessage(amanda, conversation.id, `${w} twin`);
    const newer = await postMessage(amanda, conversation.id, `${w} twin`);
    const keys = hitKeys((await search(amanda, { q: w })).items);
    expect(keys.indexOf(`m:${often.id}`)).toBeLessThan(keys.indexOf(`m:${once.id}`));
    expect(keys.indexOf(`m:${newer.id}`)).toBe(keys.indexOf(`m:${older.id}`) - 1);
  });

  it('answers snippets as text parts: a <script> stays text, and a long body is cut around the match', async () => {
    const w = uniqueWord();
    const body = `<script>alert("x")</script> ${'filler words here '.repeat(40)} the ${w} is <b>bold</b>`;
    await newConversation(amanda, { subject: 'Markup', message: body });
    const [hit] = (await search(amanda, { q: w })).items;
    const text = hit!.snippet.map((p) => p.text).join('');
    expect(hit!.snippet.filter((p) => p.match)).toEqual([{ text: w, match: true }]);
    expect(text.startsWith('…')).toBe(true);
    expect(text).toContain(`${w} is <b>bold</b>`);
    const [first] = (await search(amanda, { q: `${w} script alert` })).items;
    expect(first!.snippet[0]).toEqual({ text: '<', match: false });
    expect(marked(first!).slice(0, 2)).toEqual(['script', 'alert']);
  });

  it('pages by keyset: every hit once, in order, with the total on each page', async () => {
    const w = uniqueWord();
    const { conversation } = await newConversation(amanda, { subject: 'Pages', message: `${w} one` });
    for (const n of ['two', 'three', 'four', 'five', 'six']) await postMessage(amanda, conversation.id, `${w} ${n}`);
    const all = hitKeys((await search(amanda, { q: w, limit: 50 })).items);
    expect(all).toHaveLength(6);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(amanda, { q: w, limit: 4, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(6);
      expect(page.totalExact).toBe(true);
      paged.push(...hitKeys(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('counts a customer user’s hits exactly up to 100 and says "more than" past it; the back-office’s exactly up to 10,000', async () => {
    const w = uniqueWord();
    const { conversation } = await newConversation(amanda, { subject: 'Many', message: `${w} first` });
    const bodies = Array.from({ length: 1_004 }, (_, i) => `${w} number ${i}`);
    await writeMessagesDirectly(h().built.database.db, conversation.id, bodies);
    expect(await search(amanda, { q: w })).toMatchObject({ total: 100, totalExact: false });
    expect(await search(john, { q: w })).toMatchObject({ total: 1_005, totalExact: true });
    // each side's pages go on through its ranked window: 100 newest hits for the customer, 1,000 for the back-office
    const pagedThrough = async (who: Agent) => {
      let cursor: string | null = null;
      const seen = new Set<string>();
      do {
        const page: SearchPage = await search(who, { q: w, limit: 50, ...(cursor ? { cursor } : {}) });
        for (const key of hitKeys(page.items)) seen.add(key);
        cursor = page.nextCursor;
      } while (cursor);
      return seen.size;
    };
    const customerSaw = await pagedThrough(amanda);
    expect(customerSaw).toBeGreaterThanOrEqual(100);
    expect(customerSaw).toBeLessThanOrEqual(101);
    const staffSaw = await pagedThrough(john);
    expect(staffSaw).toBeGreaterThanOrEqual(1_000);
    expect(staffSaw).toBeLessThan(1_005);
  });

  it('reads query syntax and unbalanced quotes literally, and refuses NUL, a 10,000-character query and too many words with 400', async () => {
    const w = uniqueWord();
    const { message } = await newConversation(amanda, { subject: 'Syntax', message: `${w} AND or NOT near` });
    for (const q of [`${w}* OR`, `(${w}) NEAR/ "`, `"${w}`, `${w} "and`, `-${w} ^not`, `${w}:near`, `${w}'; --`, `${w} & ! | <-> :*`]) {
      for (const who of [amanda, john]) {
        const page = await search(who, { q });
        expect(hitKeys(page.items), q).toEqual([`m:${message.id}`]);
      }
    }
    for (const q of ['***', '""', '" "', '()', '   '])
      expect(await search(amanda, { q }), q).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null });
    for (const who of [amanda, john]) {
      expectError(await who.get(`/search?q=${w}%00`), 400, 'VALIDATION_FAILED', { q: expect.any(String) });
      expectError(await who.get(`/search?q=${'a'.repeat(10_000)}`), 400, 'VALIDATION_FAILED', { q: expect.any(String) });
      const many = Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ');
      expectError(await who.get(`/search?q=${encodeURIComponent(many)}`), 400, 'VALIDATION_FAILED', { q: 'Use at most 16 words.' });
      expectError(await who.get(`/search?q=${w}&cursor=nope`), 400, 'VALIDATION_FAILED', { cursor: expect.any(String) });
      expectError(await who.get(`/search?q=${w}&limit=51`), 400, 'VALIDATION_FAILED', { limit: expect.any(String) });
    }
    expectError(await amanda.get('/search'), 400, 'VALIDATION_FAILED', { q: expect.any(String) });
  });

  it('finds the demo data right after seeding', async () => {
    const page = await search(john, { q: 'order' });
    expect(page.total).toBeGreaterThan(0);
  });
});
