import { cjkGrams, searchTokens, type SearchToken, type SearchTokenKind } from './tokenize';

/** A matched span of a text: [start, end) in UTF-16 offsets, as String.prototype.slice takes them. */
export type MatchRange = readonly [number, number];

/** One term of a query. A record matches when every term matches at least one of its searchable fields. */
export interface SearchTerm {
  readonly kind: SearchTokenKind;
  /** The term lower-cased as typed: what ranking compares values with and highlights look for. */
  readonly text: string;
  /** The tsquery a field's search vector must match, its lexemes quoted; sent as a bound ?::tsquery. */
  readonly tsquery: string;
  /** An ILIKE pattern the field must match too, where the tsquery alone may match more than the term. */
  readonly pattern?: string;
}

/** A text to highlight, with its runs (computed once for every term). */
export interface HighlightSource {
  readonly text: string;
  readonly tokens: readonly SearchToken[];
}

/** What a kind of run means as a query term: the term it makes, and where it matches a text. */
export interface TermKind {
  term(token: SearchToken): SearchTerm;
  ranges(source: HighlightSource, term: SearchTerm): MatchRange[];
}

/** A lexeme inside a tsquery: quoted, quotes doubled and backslashes escaped (tokens hold neither, but text is text). */
export const quoteLexeme = (lexeme: string): string => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A LIKE pattern finding a text anywhere, its wildcards and the escape character taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A Latin word searches as a prefix of any word ("acm" finds "Acme"). A single character searches as a whole word:
 * as a prefix it would merge the postings of every word with that initial.
 */
const word: TermKind = {
  term: (token) => ({ kind: 'word', text: token.text, tsquery: `${quoteLexeme(token.text)}${token.text.length > 1 ? ':*' : ''}` }),
  ranges: (source, term) => source.tokens
    .filter((t) => t.kind === 'word' && (term.text.length > 1 ? t.text.startsWith(term.text) : t.text === term.text))
    .map((t) => [t.start, t.start + term.text.length] as const),
};

/**
 * A CJK run searches as a substring. One character is the prefix of the lexemes it starts (a pair, or itself ending
 * a run), two are a pair; longer runs are the AND of their pairs, which may also match where the pairs stand apart
 * ("糖酒" ... "酒公司"), so the field must contain the run too (the pattern, checked only on the rows the index found).
 */
const cjk: TermKind = {
  term: (token) => {
    const { chars, pairs } = cjkGrams(token.text);
    return {
      kind: 'cjk', text: token.text, tsquery: chars.length === 1 ? `${quoteLexeme(token.text)}:*` : pairs.map(quoteLexeme).join(' & '),
      ...(chars.length > 2 ? { pattern: containsPattern(token.text) } : {}),
    };
  },
  ranges: (source, term) => {
    const found: MatchRange[] = [];
    // CJK characters have no case: the run is looked for in the text as it is.
    for (let at = source.text.indexOf(term.text); at >= 0; at = source.text.indexOf(term.text, at + 1)) found.push([at, at + term.text.length]);
    return found;
  },
};

/** The kinds of query terms, one per kind of run. */
export const TERM_KINDS: Readonly<Record<SearchTokenKind, TermKind>> = { word, cjk };

/**
 * The terms of a search text: one per run of token characters (a Latin word, a CJK run), split the way
 * tessera_search_vector splits what it indexes, each once. Empty when the text has no token character.
 */
export function searchTermsOf(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const token of searchTokens(q)) {
    const term = TERM_KINDS[token.kind].term(token);
    if (!terms.some((t) => t.kind === term.kind && t.text === term.text)) terms.push(term);
  }
  return terms;
}
