import { SEARCH_LEXEME_CASES } from './search-cases';
import { byBytes, searchLexemes, searchTokens } from './tokenize';

describe('search tokenizer (the twin of tessera_search_vector)', () => {
  it.each(SEARCH_LEXEME_CASES)('indexes $text as the SQL function does', ({ text, lexemes }) => {
    expect(searchLexemes(text)).toEqual(lexemes);
  });

  it('splits a text into lower-cased runs at their offsets in the original text', () => {
    expect(searchTokens('Acme·四川糖酒 x🎉Éy')).toEqual([
      { kind: 'word', text: 'acme', start: 0, end: 4 },
      { kind: 'cjk', text: '四川糖酒', start: 5, end: 9 },
      { kind: 'word', text: 'x', start: 10, end: 11 },
      { kind: 'word', text: 'éy', start: 13, end: 15 },
    ]);
  });

  it('keeps one character for one when lower-casing, so offsets hold', () => {
    expect(searchTokens('İZMİR')).toEqual([{ kind: 'word', text: 'izmir', start: 0, end: 5 }]);
  });

  it('orders lexemes by their UTF-8 bytes, shorter first on a common prefix', () => {
    expect(['川', 'b', '四川', 'ab', 'a', '四', 'é'].sort(byBytes)).toEqual(['a', 'ab', 'b', 'é', '四', '四川', '川']);
  });
});
