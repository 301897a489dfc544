// Searching in the API tests: a word no other test or run uses, and what a search answers.
import { randomInt } from 'node:crypto';
import type { SearchHit, SearchPage } from '../../src/shared/search';
import type { Agent } from './api';
import { ok } from './fixtures';

/** "kqzvwmtx": letters only, so that both tokenizers read it as one word, and unique to the run. */
export const uniqueWord = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('');

export async function search(who: Agent, query: Record<string, string | number>): Promise<SearchPage> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return ok<SearchPage>(await who.get(`/search?${params.toString()}`));
}

/** "m:12" for message 12's hit, "c:5" for conversation 5's name. */
export const hitKeys = (items: SearchHit[]) => items.map((h) => (h.message ? `m:${h.message.id}` : `c:${h.conversation.id}`));

/** The marked words of each hit's snippet. */
export const marked = (hit: SearchHit) => hit.snippet.filter((p) => p.match).map((p) => p.text);
