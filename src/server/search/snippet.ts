// The excerpt shown with a hit, its matched words marked. Made here rather
// than by the databases (snippet(), ts_headline) so that both give the same
// excerpt, and as parts of plain text rather than HTML: whatever a message
// holds (a `<script>`) reaches the page as text, marked by the page itself.
import type { Clause } from './query';

export interface SnippetPart {
  text: string;
  match: boolean;
}

// what the indexes fold besides accents (unaccent's and unicode61's tables), for the letters NFKD keeps whole
const LETTERS: Record<string, string> = { ß: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', đ: 'd', ı: 'i' };

/** Case and accents folded, as the indexes fold them. */
export const fold = (word: string) =>
  word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøłæœđı]/g, (c) => LETTERS[c] ?? c);

interface Token {
  start: number;
  end: number;
  folded: string;
}

function tokensOf(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }));
}

/** A clause with its words folded: a word (a prefix or whole) or a phrase of whole words. */
export interface FoldedClause {
  words: string[];
  prefix: boolean;
}

export const foldClauses = (clauses: Clause[]): FoldedClause[] =>
  clauses.map((c) => (c.kind === 'word' ? { words: [fold(c.word)], prefix: c.prefix } : { words: c.words.map(fold), prefix: false }));

/** Whether the clause matches the folded words from position i: its first word (a prefix, or whole), and the rest in a row. */
export function matchesAt(words: string[], clause: FoldedClause, i: number): boolean {
  const n = clause.words.length;
  if (i + n > words.length) return false;
  const first = clause.words[0]!;
  if (clause.prefix ? !words[i]!.startsWith(first) : words[i] !== first) return false;
  for (let k = 1; k < n; k++) if (words[i + k] !== clause.words[k]) return false;
  return true;
}

/** Which tokens the clauses match: each word's prefix (or whole word), each phrase's words in a row. */
function matchedTokens(tokens: Token[], clauses: Clause[]): boolean[] {
  const words = tokens.map((t) => t.folded);
  const matched = tokens.map(() => false);
  for (const clause of foldClauses(clauses)) {
    for (let i = 0; i < words.length; i++) {
      if (matchesAt(words, clause, i)) for (let k = 0; k < clause.words.length; k++) matched[i + k] = true;
    }
  }
  return matched;
}

/** Up to `width` characters around the first match (the start when none), matched words marked, cut ends shown as "…". */
export function snippetOf(text: string, clauses: Clause[], width = 180): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const tokens = tokensOf(flat);
  const matched = matchedTokens(tokens, clauses);
  const first = matched.indexOf(true);
  let start = first > 0 ? Math.max(0, tokens[first]!.start - Math.floor(width / 3)) : 0;
  // begin on a word, not inside one
  if (start > 0) start = tokens.find((t) => t.start >= start)?.start ?? start;
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) end = tokens.filter((t) => t.end <= end).at(-1)?.end ?? end;
  const parts: SnippetPart[] = [];
  const push = (part: string, match: boolean) => {
    if (part === '') return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += part;
    else parts.push({ text: part, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  tokens.forEach((t, i) => {
    if (!matched[i] || t.start < start || t.end > end) return;
    const gap = flat.slice(at, t.start);
    // "net 30" marked as one, not "net" and "30"
    push(gap, at > start && matched[i - 1] === true && gap === ' ');
    push(flat.slice(t.start, t.end), true);
    at = t.end;
  });
  push(flat.slice(at, end), false);
  if (end < flat.length) push('…', false);
  return parts;
}
