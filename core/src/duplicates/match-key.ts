import type { TextStep } from './text-steps';

/**
 * How a field type compares values for a "normalized" duplicate rule: a key computed in JavaScript (requests, an
 * import file) and by an IMMUTABLE SQL function of the same name (indexes, lookups), which give the same text.
 */
export interface MatchKey {
  /** The SQL function: one text argument, strict (null gives null). */
  readonly sqlFunction: string;
  /** The key of a non-null value; '' when nothing is left of it (never a match). */
  normalize(value: string): string;
  /** The CREATE OR REPLACE FUNCTION statement of sqlFunction. */
  readonly sql: string;
}

/**
 * A match key that runs its steps in order. In SQL each step reads the previous one's result as a column of a
 * subquery, so a step may name its input several times without computing it again.
 */
export function defineMatchKey(sqlFunction: string, steps: readonly TextStep[]): MatchKey {
  const body = steps.reduce((from, step, i) => `(select ${step.sql('s')} as s from ${from} as s${i})`, '(select t as s)');
  return {
    sqlFunction,
    normalize: (value) => steps.reduce((text, step) => step.js(text), value),
    sql: `create or replace function ${sqlFunction}(t text) returns text language sql immutable strict parallel safe as $$ select s from ${body} as k $$`,
  };
}
