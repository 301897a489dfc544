// What a user types, read as words: every word a prefix ("invo" finds
// "invoice"), "quoted words" a phrase, everything else (FTS5 and tsquery
// syntax, punctuation, an unbalanced quote) a separator, as the indexes'
// tokenizers treat it. No character the user types reaches either engine's
// query syntax: each term is quoted when the query is built.
import { sql, type RawBuilder } from 'kysely';

export type Clause = { kind: 'prefix'; word: string } | { kind: 'phrase'; words: string[] };

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
      if (words.length === 1) clauses.push({ kind: 'prefix', word: words[0] });
      else if (words.length > 1) clauses.push({ kind: 'phrase', words });
    } else {
      for (const word of words) clauses.push({ kind: 'prefix', word });
    }
  });
  return clauses;
}

export const wordCount = (clauses: Clause[]) => clauses.reduce((n, c) => n + (c.kind === 'prefix' ? 1 : c.words.length), 0);

/** FTS5, in the text's column: `body : "invo"* AND body : "net 30"` (the words hold no quote, so quoting them is enough). */
export function fts5Match(clauses: Clause[], column: string): string {
  return clauses.map((c) => `${column} : ${c.kind === 'prefix' ? `"${c.word}"*` : `"${c.words.join(' ')}"`}`).join(' AND ');
}

/** PostgreSQL: the same as a tsquery expression, each word a bound parameter quoted by parley_search_term. */
export function tsquery(clauses: Clause[]): RawBuilder<unknown> {
  const parts = clauses.map((c) =>
    c.kind === 'prefix'
      ? sql`parley_search_term(${c.word}, true)`
      : c.words.map((w) => sql`parley_search_term(${w}, false)`).reduce((a, b) => sql`tsquery_phrase(${a}, ${b})`),
  );
  return parts.reduce((a, b) => sql`(${a} && ${b})`);
}
