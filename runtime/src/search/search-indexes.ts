import { SEARCH_CJK_CHARS, SEARCH_WORD_CHARS, searchableFields } from '@tessera/core';
import type { DerivedIndexes } from '../migrator/derived-indexes';
import { identifier } from '../migrator/names';

/** The SQL function that turns a searchable value into its search terms; the index and every query call it alike. */
export const SEARCH_VECTOR = 'tessera_search_vector';

// The character classes are core's: its searchTokens is this function's twin in JavaScript (query terms, highlights),
// held to it by the cases of core's search-cases.ts, which runtime/test/search runs through this function.
const CJK = SEARCH_CJK_CHARS;
const WORD = SEARCH_WORD_CHARS;

/**
 * Terms of a text: its lower-cased Latin words, and every pair of neighbouring characters of its CJK runs with each
 * run's last character, since PostgreSQL's parsers do not split Chinese into words. Every character thus starts a
 * term, so one character is found as a prefix ('王':*). Pairs come in two passes (from a run's first character, then
 * from its second) because regular expressions do not overlap matches; what a pass leaves unpaired at a run's end is
 * that last character. Built from C-implemented string functions only: about 5 µs per value, where indexing single
 * characters too took 8 and a generate_series over positions 30.
 */
const SEARCH_VECTOR_SQL = `create or replace function ${SEARCH_VECTOR}(t text) returns tsvector
  language sql immutable strict parallel safe cost 1000 as $$
  select array_to_tsvector(array_remove(string_to_array(
      regexp_replace(s, '([${CJK}]{2})', ' \\1 ', 'g') || ' ' ||
      regexp_replace(regexp_replace(s, ' [${CJK}]', ' ', 'g'), '([${CJK}]{2})', ' \\1 ', 'g'), ' '), ''))
  from (select regexp_replace(regexp_replace(lower(t), '[^${WORD}${CJK}]+', ' ', 'g'), '([${CJK}]+)', ' \\1 ', 'g') as s) as spaced
$$`;

/** The name of a field's search index. */
export const searchIndexName = (table: string, column: string): string => identifier(`${table}_${column}_search`);

/** One GIN index per searchable field over its search terms, so a hidden field can be left out of a query. */
export const searchIndexes: DerivedIndexes = {
  functions: [{ name: SEARCH_VECTOR, sql: SEARCH_VECTOR_SQL }],
  indexes: (entity) => searchableFields(entity).map((f) => ({
    name: searchIndexName(entity.table, f.column), columns: [f.column], unique: false, method: 'gin', functions: [SEARCH_VECTOR],
  })),
};
