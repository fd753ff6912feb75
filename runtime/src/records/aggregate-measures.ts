import { aggregateKindOf, conditionToSql, pathSql, type Measure, type MeasureName, type SqlContext, type SqlFragment } from '@tessera/core';

type Compiler<N extends MeasureName> = (measure: Measure & { readonly name: N }, ctx: SqlContext) => SqlFragment;

const around = (before: string, value: SqlFragment, after: string): SqlFragment => ({ sql: `${before}${value.sql}${after}`, bindings: value.bindings });
const call = (fn: string, value: SqlFragment): SqlFragment => around(`${fn}(`, value, ')');

/**
 * The SQL of each measure over the rows of a group, by name (a new measure fails to compile until it has one).
 * Values are read with pathSql, as conditions and formulas read them, so a lookup's target out of the caller's reach
 * reads as null. Counts are cast to int (a bigint would answer as text); sums, averages, shares and ratios are numeric.
 */
const MEASURES: { readonly [N in MeasureName]: Compiler<N> } = {
  count: () => ({ sql: 'count(*)::int', bindings: [] }),
  sum: (m, ctx) => call('sum', pathSql(m.path, ctx)),
  avg: (m, ctx) => call('avg', pathSql(m.path, ctx)),
  // Text compares by code point, as lists sort it.
  min: (m, ctx) => call('min', aggregateKindOf(m.path.field).ordered!(pathSql(m.path, ctx))),
  max: (m, ctx) => call('max', aggregateKindOf(m.path.field).ordered!(pathSql(m.path, ctx))),
  countDistinct: (m, ctx) => around('count(distinct ', pathSql(m.path, ctx), ')::int'),
  // The condition compiles true or false, never null, so every row of the group counts in the denominator; a group
  // without rows (no groupBy, nothing matched) has no share: null.
  share: (m, ctx) => around('avg(case when ', conditionToSql(m.when, ctx), ' then 1 else 0 end)'),
  // Cast before dividing, so integer sums divide as numeric; a zero (or empty) denominator answers null.
  ratio: (m, ctx) => {
    const numerator = call('sum', pathSql(m.numerator, ctx));
    const denominator = call('sum', pathSql(m.denominator, ctx));
    return { sql: `cast(${numerator.sql} as numeric) / nullif(${denominator.sql}, 0)`, bindings: [...numerator.bindings, ...denominator.bindings] };
  },
};

/** The SQL of one measure of an aggregate query. */
export function measureSql(measure: Measure, ctx: SqlContext): SqlFragment {
  return (MEASURES[measure.name] as Compiler<MeasureName>)(measure as never, ctx);
}
