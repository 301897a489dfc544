// How relevant a hit is, on SQLite: each clause's count in the text, damped
// by the text's length, as bm25 scores it, but without bm25's rarity weight
// (IDF), as PostgreSQL's ts_rank_cd has none. FTS5's bm25() reads each term's
// whole list of rows once per query to weigh its rarity: 12 ms for two
// common words at 2,000,000 messages, however few rows it then scores. This
// score reads only the row's own text, so a query's cost follows the window
// it ranks (search.repo.ts), not the size of the index. SQLite calls it as
// `parley_search_score(text, clauses)`, registered on the connection.
import type SQLite from 'better-sqlite3';
import type { Clause } from './query';
import { fold, foldClauses, matchesAt, type FoldedClause } from './snippet';

// bm25's usual constants; a message of about 20 words is the typical length
const K1 = 1.2;
const B = 0.75;
const TYPICAL_WORDS = 20;
const WORDS = /[\p{L}\p{N}]+/gu;
const ASCII_WORDS = /[a-z0-9]+/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** The text's words, folded as the index folds them; most text is ASCII, which needs no Unicode folding. */
const wordsOf = (text: string) => (ASCII.test(text) ? text.toLowerCase().match(ASCII_WORDS) : fold(text).match(WORDS)) ?? [];

function occurrences(words: string[], clause: FoldedClause): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) if (matchesAt(words, clause, i)) n++;
  return n;
}

function scoreFolded(text: string, clauses: FoldedClause[]): number {
  const words = wordsOf(text);
  const damping = K1 * (1 - B + (B * words.length) / TYPICAL_WORDS);
  let score = 0;
  for (const clause of clauses) {
    const tf = occurrences(words, clause);
    score += (tf * (K1 + 1)) / (tf + damping);
  }
  return score;
}

/** The score of one text for a query's clauses: higher is more relevant, 0 when no clause occurs. */
export const scoreOf = (text: string, clauses: Clause[]) => scoreFolded(text, foldClauses(clauses));

/** The clauses as the SQL function takes them. */
export const clausesArgument = (clauses: Clause[]) => JSON.stringify(clauses);

/**
 * Registers on a SQLite connection `parley_search_score(text, clauses)`, and
 * `parley_search_matches(text, clauses)`: 1 when every clause occurs in the
 * text, as the full-text index would find it (for the messages it does not
 * hold yet, search.indexer.ts). The last query's folded clauses are kept.
 */
export function registerSearchFunctions(sqlite: SQLite.Database): void {
  let key = '';
  let folded: FoldedClause[] = [];
  const clausesOf = (argument: string) => {
    if (argument !== key) {
      folded = foldClauses(JSON.parse(argument) as Clause[]);
      key = argument;
    }
    return folded;
  };
  sqlite.function('parley_search_score', { deterministic: true }, (text: unknown, argument: unknown) =>
    typeof text === 'string' && typeof argument === 'string' ? scoreFolded(text, clausesOf(argument)) : 0,
  );
  sqlite.function('parley_search_matches', { deterministic: true }, (text: unknown, argument: unknown) => {
    if (typeof text !== 'string' || typeof argument !== 'string') return 0;
    const words = wordsOf(text);
    return clausesOf(argument).every((clause) => occurrences(words, clause) > 0) ? 1 : 0;
  });
}
