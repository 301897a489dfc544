import { describe, expect, it } from 'vitest';
import { fts5Match, parseQuery, wordCount } from './query';
import { fold, snippetOf } from './snippet';

describe('search query', () => {
  it('reads words as prefixes, quoted words as a phrase, and any syntax as a separator', () => {
    expect(parseQuery('invo "net 30" days')).toEqual([
      { kind: 'prefix', word: 'invo' },
      { kind: 'phrase', words: ['net', '30'] },
      { kind: 'prefix', word: 'days' },
    ]);
    expect(parseQuery('a* OR (b) NEAR/2 c:d ^e -f "unclosed phrase')).toEqual([
      ...['a', 'OR', 'b', 'NEAR', '2', 'c', 'd', 'e', 'f'].map((word) => ({ kind: 'prefix', word })),
      { kind: 'phrase', words: ['unclosed', 'phrase'] },
    ]);
    expect(parseQuery('*** "" ()')).toEqual([]);
    expect(fts5Match(parseQuery('OR "net 30"'), 'body')).toBe('body : "OR"* AND body : "net 30"');
    expect(wordCount(parseQuery('a "b c"'))).toBe(3);
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
