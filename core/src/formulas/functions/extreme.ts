import type { FormulaFunction } from '../types';
import { expect } from '../values';

/** A variadic MIN or MAX over numbers. */
// Like PostgreSQL's LEAST and GREATEST (and spreadsheets), NULL arguments are skipped; all NULL gives NULL.
export const extreme = (name: string, sqlName: string, better: (a: number, b: number) => boolean): FormulaFunction => ({
  name,
  arity: { min: 1, max: 100 },
  signature: (types) => expect(types, [['number']], 'number'),
  evaluate: (args) => args.reduce<number | null>((best, x) => (x === null || x === undefined ? best : best === null || better(x as number, best) ? (x as number) : best), null),
  toSql: (args) => ({ sql: `${sqlName}(${args.map((a) => a.sql).join(', ')})`, bindings: args.flatMap((a) => a.bindings) }),
});

