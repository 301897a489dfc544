// What a user types, read as words, as a search box reads them while they
// type (Algolia's and Meilisearch's `prefixLast`): the last bare word is a
// prefix ("invo" finds "invoice") once it has three letters, every other
// word a whole word, "quoted
// words" a phrase (a quoted single word a whole word), everything else (FTS5
// and tsquery syntax, punctuation, an unbalanced quote) a separator, as the
// indexes' tokenizers treat it. Only the last word a prefix, because a prefix
// is the dear term: without a prefix index of its exact length FTS5 merges the
// lists of every word it begins before the first row comes out (15 ms for
// "delivery"* "date"* at 2,000,000 messages; the whole words iterate lazily,
// 0.2 ms). No character the user types reaches either engine's query syntax:
// each term is quoted when the query is built.
import { sql, type RawBuilder } from 'kysely';

export type Clause = { kind: 'word'; word: string; prefix: boolean } | { kind: 'phrase'; words: string[] };

/**
 * A last word shorter than this is a whole word, not a prefix: "30" in
 * "net 30" is most often all there is to type, and a prefix of one or two
 * letters begins a large part of all words (without an index of its length,
 * FTS5 merges all their lists: 36 ms for "delivery d"* at 2,000,000
 * messages; with one, each message's indexing costs a third more).
 */
export const MIN_PREFIX = 3;

/** At most this many words: more is refused (a query is typed, not pasted). */
export const MAX_WORDS = 16;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const wordsOf = (text: string) => text.match(WORD) ?? [];

/** The clauses of a query; an unclosed quote runs to the end. */
export function parseQuery(q: string): Clause[] {
  const clauses: Clause[] = [];
  const parts = q.normalize('NFC').split('"');
  parts.forEach((part, i) => {
    const words = wordsOf(part);
    if (i % 2 === 1) {
      if (words.length === 1) clauses.push({ kind: 'word', word: words[0], prefix: false });
      else if (words.length > 1) clauses.push({ kind: 'phrase', words });
    } else {
      for (const word of words) clauses.push({ kind: 'word', word, prefix: false });
    }
  });
  // the query ends in a bare word (an even number of quotes, and words after the last) of at least MIN_PREFIX letters
  const last = clauses.at(-1);
  if (parts.length % 2 === 1 && wordsOf(parts.at(-1)!).length > 0 && last?.kind === 'word' && [...last.word].length >= MIN_PREFIX)
    last.prefix = true;
  return clauses;
}

export const wordCount = (clauses: Clause[]) => clauses.reduce((n, c) => n + (c.kind === 'word' ? 1 : c.words.length), 0);

/** FTS5, in the text's column: `body : "net 30" AND body : "invo"*` (the words hold no quote, so quoting them is enough). */
export function fts5Match(clauses: Clause[], column: string): string {
  const term = (c: Clause) => (c.kind === 'word' ? `"${c.word}"${c.prefix ? '*' : ''}` : `"${c.words.join(' ')}"`);
  return clauses.map((c) => `${column} : ${term(c)}`).join(' AND ');
}

/** PostgreSQL: the same as a tsquery expression, each word a bound parameter quoted by parley_search_term. */
export function tsquery(clauses: Clause[]): RawBuilder<unknown> {
  const parts = clauses.map((c) =>
    c.kind === 'word'
      ? sql`parley_search_term(${c.word}, ${c.prefix})`
      : c.words.map((w) => sql`parley_search_term(${w}, false)`).reduce((a, b) => sql`tsquery_phrase(${a}, ${b})`),
  );
  return parts.reduce((a, b) => sql`(${a} && ${b})`);
}
