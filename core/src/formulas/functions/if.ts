import { FORMULA_TYPES, type FormulaFunction } from '../types';
import { alike, sqlOf } from '../values';

/** IF(condition, then, else = NULL); `c ? a : b` parses to it. A NULL condition takes the else branch. */
export const IF: FormulaFunction = {
  name: 'IF',
  arity: { min: 2, max: 3 },
  signature: ([test, ...branches]) => {
    if (test !== 'boolean') return { index: 0, wanted: ['boolean'] };
    const same = alike(branches, FORMULA_TYPES);
    return 'index' in same ? { index: same.index + 1, wanted: same.wanted } : same;
  },
  evaluate: ([test, then, otherwise]) => (test === true ? then : (otherwise ?? null)),
  toSql: ([test, then, otherwise]) =>
    (otherwise ? sqlOf`(CASE WHEN ${test!} THEN ${then!} ELSE ${otherwise} END)` : sqlOf`(CASE WHEN ${test!} THEN ${then!} END)`),
};
