/**
 * The character classes of search, shared with runtime's SQL function tessera_search_vector (built from these very
 * strings): Latin letters (with accents) and digits make words; Han (with extension A), kana and hangul are written
 * without spaces, so they are indexed by pairs of neighbours (and each run's last character).
 */
export const SEARCH_WORD_CHARS = '0-9a-zÀ-ɏ';
/** Han, kana and hangul, as ranges inside a regular expression's brackets. */
export const SEARCH_CJK_CHARS = '㐀-䶿一-鿿぀-ヿ가-힯';

/** The kinds of runs search splits text into. */
export type SearchTokenKind = 'word' | 'cjk';

/** A run of token characters: its lower-cased text and where it stands in the original text (UTF-16 offsets). */
export interface SearchToken {
  readonly kind: SearchTokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const WORD = new RegExp(`^[${SEARCH_WORD_CHARS}]$`, 'u');
const CJK = new RegExp(`^[${SEARCH_CJK_CHARS}]$`, 'u');

/**
 * A character lower-cased as PostgreSQL's lower() does under a UTF-8 locale: one character for one, so offsets hold
 * (JavaScript spells "İ" lower-cased as "i" and a combining dot; PostgreSQL answers "i").
 */
const lowerChar = (ch: string): string => String.fromCodePoint(ch.toLowerCase().codePointAt(0)!);

const kindOf = (ch: string): SearchTokenKind | undefined => (WORD.test(ch) ? 'word' : CJK.test(ch) ? 'cjk' : undefined);

/** The runs of a text: lower-cased Latin words and CJK runs, split where the other kind or any other character starts. */
export function searchTokens(text: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let run: { kind: SearchTokenKind; text: string; start: number } | undefined;
  let at = 0;
  for (const ch of text) {
    const lower = lowerChar(ch);
    const kind = kindOf(lower);
    if (run && run.kind !== kind) {
      tokens.push({ ...run, end: at });
      run = undefined;
    }
    if (kind) run = run ? { ...run, text: run.text + lower } : { kind, text: lower, start: at };
    at += ch.length;
  }
  if (run) tokens.push({ ...run, end: at });
  return tokens;
}

/** The characters and neighbouring pairs of a CJK run, in order. */
export function cjkGrams(run: string): { chars: string[]; pairs: string[] } {
  const chars = [...run];
  return { chars, pairs: chars.slice(1).map((ch, i) => chars[i]! + ch) };
}

/**
 * The lexemes tessera_search_vector indexes for a text, sorted and without repeats: every word, and every
 * neighbouring pair of each CJK run with the run's last character (so that every character starts a lexeme). Its twin
 * in SQL is tested against the same cases (search-cases.ts).
 */
export function searchLexemes(text: string): string[] {
  const lexemes = new Set<string>();
  for (const token of searchTokens(text)) {
    if (token.kind === 'word') lexemes.add(token.text);
    else for (const gram of [...cjkGrams(token.text).pairs, [...token.text].at(-1)!]) lexemes.add(gram);
  }
  return [...lexemes].sort(byBytes);
}

const encoder = new TextEncoder();

/** Orders strings as PostgreSQL orders a tsvector's lexemes: by their UTF-8 bytes. */
export function byBytes(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
