import { joinSql, type SearchTerm, type SqlFragment } from '@tessera/core';

/** How much more a match in the entity's title field counts than one in any other searchable field. */
export const TITLE_WEIGHT = 2;

/**
 * How well a term matches one field's value: 4 when the value is the term (whatever the case), 3 when it starts with
 * it, 2 when it contains it, 0 when it does not; a value that starts with or contains the term gets up to 1/3 more
 * the shorter it is, never enough to reach the next class. Plain string functions on the row the index found: no
 * ts_rank, which would read every lexeme's positions.
 */
function termQuality(column: string, term: SearchTerm): SqlFragment {
  const lower = `lower(${column})`;
  const shorter = `1.0 / (1 + length(${column}))`;
  return {
    sql: `case when ${lower} = ? then 4 when starts_with(${lower}, ?) then 3 + ${shorter} when strpos(${lower}, ?) > 0 then 2 + ${shorter} else 0 end`,
    bindings: [term.text, term.text, term.text],
  };
}

/**
 * A hit's score: over the searchable fields the caller may read, the field's weight (TITLE_WEIGHT for the title
 * field, else 1) times the sum of each term's quality in it. So a record whose title is the query ranks first, one
 * whose title starts with it next, and a term found in more fields adds up.
 */
export function scoreSql(fields: ReadonlyArray<{ readonly column: string; readonly title: boolean }>, terms: readonly SearchTerm[]): SqlFragment {
  const perField = fields.map((f) => {
    const sum = joinSql(terms.map((t) => termQuality(f.column, t)), ' + ');
    return { sql: `${f.title ? TITLE_WEIGHT : 1} * (${sum.sql})`, bindings: sum.bindings };
  });
  const total = joinSql(perField, ' + ');
  return { sql: `(${total.sql})::float8`, bindings: total.bindings };
}
