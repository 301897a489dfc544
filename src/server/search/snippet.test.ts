import { describe, expect, it } from 'vitest';
import { fts5Match, parseQuery, wordCount } from './query';
import { scoreOf } from './score';
import { fold, snippetOf } from './snippet';

describe('search query', () => {
  it('reads the last bare word as a prefix, the others as whole words, quoted words as a phrase, and any syntax as a separator', () => {
    expect(parseQuery('invo "net 30" days')).toEqual([
      { kind: 'word', word: 'invo', prefix: false },
      { kind: 'phrase', words: ['net', '30'] },
      { kind: 'word', word: 'days', prefix: true },
    ]);
    expect(parseQuery('a* OR (b) NEAR/2 c:d ^e -f "unclosed phrase')).toEqual([
      ...['a', 'OR', 'b', 'NEAR', '2', 'c', 'd', 'e', 'f'].map((word) => ({ kind: 'word', word, prefix: false })),
      { kind: 'phrase', words: ['unclosed', 'phrase'] },
    ]);
    // a query that ends in a quote or a quoted word has no prefix
    expect(parseQuery('pay "net"')).toEqual([
      { kind: 'word', word: 'pay', prefix: false },
      { kind: 'word', word: 'net', prefix: false },
    ]);
    expect(parseQuery('pay net!')[1]).toEqual({ kind: 'word', word: 'net', prefix: true });
    // a last word of one or two letters is a whole word ("net 30"); from three letters on, a prefix
    expect(parseQuery('net 30').at(-1)).toEqual({ kind: 'word', word: '30', prefix: false });
    expect(parseQuery('delivery d').at(-1)).toEqual({ kind: 'word', word: 'd', prefix: false });
    expect(parseQuery('créme brû').at(-1)).toEqual({ kind: 'word', word: 'brû', prefix: true });
    expect(parseQuery('*** "" ()')).toEqual([]);
    expect(fts5Match(parseQuery('"net 30" NOT'), 'body')).toBe('body : "net 30" AND body : "NOT"*');
    expect(fts5Match(parseQuery('"net 30" OR'), 'body')).toBe('body : "net 30" AND body : "OR"');
    expect(fts5Match(parseQuery('OR net'), 'body')).toBe('body : "OR" AND body : "net"*');
    expect(wordCount(parseQuery('a "b c"'))).toBe(3);
  });
});

describe('search score', () => {
  it('counts each clause in the text, folded, damped by length: more occurrences and a shorter text score higher', () => {
    const q = parseQuery('crème brû');
    expect(scoreOf('Nothing here', q)).toBe(0);
    const once = scoreOf('CREME brulee', q);
    expect(once).toBeGreaterThan(0);
    expect(scoreOf('creme brulee, creme brulee', q)).toBeGreaterThan(once);
    expect(scoreOf(`creme brulee ${'and more words '.repeat(10)}`, q)).toBeLessThan(once);
    // the last word a prefix, the others whole words, a phrase its words in a row
    expect(scoreOf('cremes brulee', q)).toBeLessThan(once);
    const phrase = parseQuery('"net 30"');
    expect(scoreOf('net 30 days', phrase)).toBeGreaterThan(0);
    expect(scoreOf('30 net days', phrase)).toBe(0);
  });
});

describe('snippet', () => {
  it('marks matched words, folding case and accents, and keeps markup as text', () => {
    expect(snippetOf('Le <script>alert(1)</script> CAFÉ est fermé', parseQuery('cafe ferme'))).toEqual([
      { text: 'Le <script>alert(1)</script> ', match: false },
      { text: 'CAFÉ', match: true },
      { text: ' est ', match: false },
      { text: 'fermé', match: true },
    ]);
    expect(fold('Straße Øre')).toBe('strasse ore');
  });

  it('marks a phrase only where its words follow each other, and cuts long text around the first match', () => {
    const parts = snippetOf(`${'filler '.repeat(60)}pay net 30 days, not net 60`, parseQuery('"net 30"'), 80);
    expect(parts[0]!.text.startsWith('…')).toBe(true);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['net 30']);
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(82);
  });
});
