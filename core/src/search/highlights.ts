import { TERM_KINDS, type MatchRange, type SearchTerm } from './search-terms';
import { searchTokens } from './tokenize';

/** Where a hit's field matched: the field, its text (or a window of it) and the matched ranges within that text. */
export interface Highlight {
  readonly field: string;
  readonly text: string;
  readonly ranges: readonly MatchRange[];
}

/** Longer values are cut to a window of this many characters around their first match. */
export const HIGHLIGHT_WINDOW = 200;
// How much of the window goes before the first match, so it reads in context.
const LEAD = 40;

/**
 * The ranges of a text that the terms match, sorted, overlapping and touching ones merged: a Latin term where a word
 * starts with it (whatever the case), a CJK term wherever the text contains it.
 */
export function matchRanges(text: string, terms: readonly SearchTerm[]): MatchRange[] {
  const source = { text, tokens: searchTokens(text) };
  const found = terms.flatMap((term) => TERM_KINDS[term.kind].ranges(source, term)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of found) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The highlights of a hit: each field with a match, in the order given; a value too long is cut around its first match. */
export function highlightsOf(values: ReadonlyArray<{ readonly field: string; readonly text: string | null }>, terms: readonly SearchTerm[]): Highlight[] {
  const highlights: Highlight[] = [];
  for (const { field, text } of values) {
    if (!text) continue;
    const ranges = matchRanges(text, terms);
    if (ranges.length) highlights.push({ field, ...windowOf(text, ranges) });
  }
  return highlights;
}

/** A text no longer than HIGHLIGHT_WINDOW that starts a little before the first range, with the ranges inside it. */
function windowOf(text: string, ranges: readonly MatchRange[]): { text: string; ranges: MatchRange[] } {
  if (text.length <= HIGHLIGHT_WINDOW) return { text, ranges: [...ranges] };
  const start = Math.max(0, Math.min(ranges[0]![0] - LEAD, text.length - HIGHLIGHT_WINDOW));
  const end = start + HIGHLIGHT_WINDOW;
  const inside = ranges.filter(([s]) => s < end).map(([s, e]) => [s - start, Math.min(e, end) - start] as const);
  return { text: text.slice(start, end), ranges: inside };
}
