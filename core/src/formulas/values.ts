import { valueKinds } from '../fields/value-kinds';
import type { SqlFragment } from '../sql/fragment';
import type { FormulaType, Signature } from './types';

/** The value kind behind a formula type (formula types are a subset of value kinds). */
export const kindOf = (type: FormulaType) => valueKinds[type];

/** Wraps a function so that any NULL argument gives NULL, as SQL operators and most functions do. */
export const strict = <A extends unknown[]>(fn: (...args: A) => unknown) =>
  (...args: { [K in keyof A]: unknown }): unknown => (args.some((a) => a === null || a === undefined) ? null : fn(...(args as A)));

/** A bound value cast to the SQL type of a formula type, so PostgreSQL never has to guess. */
export const boundSql = (value: unknown, type: FormulaType): SqlFragment => ({ sql: `CAST(? AS ${kindOf(type).sqlCast})`, bindings: [value] });

/** An expression cast to the SQL type of a formula type (integer columns become numeric, varchar becomes text). */
export const castSql = (fragment: SqlFragment, type: FormulaType): SqlFragment =>
  ({ sql: `CAST(${fragment.sql} AS ${kindOf(type).sqlCast})`, bindings: fragment.bindings });

/** SQL text around fragments: template`(${a} + ${b})` with their bindings in order. */
export function sqlOf(strings: TemplateStringsArray, ...parts: SqlFragment[]): SqlFragment {
  return {
    sql: strings.reduce((out, text, i) => out + text + (i < parts.length ? parts[i]!.sql : ''), ''),
    bindings: parts.flatMap((p) => p.bindings),
  };
}

/** Checks types against wanted types, position by position (the last wanted entry repeats for variadic calls). */
export function expect(types: readonly FormulaType[], wanted: readonly (readonly FormulaType[])[], result: FormulaType): Signature {
  for (const [index, type] of types.entries()) {
    const allowed = wanted[Math.min(index, wanted.length - 1)]!;
    if (!allowed.includes(type)) return { index, wanted: allowed };
  }
  return { type: result };
}

/** Checks that all types are the same one of the allowed types; the result is that type, or `result` when given. */
export function alike(types: readonly FormulaType[], allowed: readonly FormulaType[], result?: FormulaType): Signature {
  const first = types[0]!;
  if (!allowed.includes(first)) return { index: 0, wanted: allowed };
  const other = types.findIndex((t) => t !== first);
  return other >= 0 ? { index: other, wanted: [first] } : { type: result ?? first };
}

/** Rounds half away from zero, as PostgreSQL rounds numeric (and casts numeric to integer). */
export function roundHalfAway(value: number, digits = 0): number {
  // Shifting through the decimal exponent, not by multiplying, keeps 1.005 from becoming 100.49999.
  const rounded = Math.round(shiftDecimal(Math.abs(value), digits));
  return Math.sign(value) * shiftDecimal(rounded, -digits) || 0;
}

const shiftDecimal = (value: number, digits: number): number => {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + digits}`);
};
