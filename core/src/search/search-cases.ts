/**
 * Texts and the lexemes search indexes for each, sorted as PostgreSQL sorts them: the conformance table that both
 * tokenizers, searchLexemes here and tessera_search_vector in SQL (runtime/test/search), must agree with.
 */
export const SEARCH_LEXEME_CASES: ReadonlyArray<{ readonly text: string; readonly lexemes: readonly string[] }> = [
  { text: '', lexemes: [] },
  { text: ' \t\n ,.;', lexemes: [] },
  { text: '四川糖酒 Acme-Café bob@acme.com', lexemes: ['acme', 'bob', 'café', 'com', '四川', '川糖', '糖酒', '酒'] },
  { text: '糖酒公司abc糖', lexemes: ['abc', '公司', '司', '糖', '糖酒', '酒公'] },
  { text: '糖', lexemes: ['糖'] },
  { text: '上海科技集团', lexemes: ['上海', '团', '技集', '海科', '科技', '集团'] },
  { text: 'ÉCOLE Ñandú ǅemal ÀÖØÞ', lexemes: ['àöøþ', 'école', 'ñandú', 'ǆemal'] },
  // A dotted capital I, and a Kelvin sign that lower-cases to a Latin k.
  { text: 'İstanbul \u212AELVIN', lexemes: ['istanbul', 'kelvin'] },
  { text: 'O\'Brien_Smith 2×3 ÷ 1,234.50', lexemes: ['1', '234', '2×3', '50', 'brien', 'o', 'smith', '÷'] },
  { text: 'Ａｃｍｅ　東京，大阪。', lexemes: ['京', '大阪', '東京', '阪'] },
  { text: 'カタカナ ひらがな 한국어', lexemes: ['がな', 'な', 'ひら', 'らが', 'カタ', 'カナ', 'タカ', 'ナ', '국어', '어', '한국'] },
  { text: '㐀丂 ACME123 x🎉y', lexemes: ['acme123', 'x', 'y', '㐀丂', '丂'] },
  { text: 'Straße ΑΒΓ αβγ', lexemes: ['straße'] },
];
