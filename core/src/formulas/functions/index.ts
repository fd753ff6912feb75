import { Registry } from '../../registry';
import type { FormulaFunction } from '../types';
import { ABS } from './abs';
import { ADD_DAYS } from './add-days';
import { COALESCE } from './coalesce';
import { CONCAT } from './concat';
import { DAYS_BETWEEN } from './days-between';
import { MAX } from './max';
import { MIN } from './min';
import { IF } from './if';
import { LEN } from './len';
import { LOWER } from './lower';
import { MONTH } from './month';
import { ROUND } from './round';
import { TODAY } from './today';
import { UPPER } from './upper';
import { YEAR } from './year';

/** The functions formulas may call, by upper-case name. */
export const formulaFunctions = new Registry<string, FormulaFunction>(
  'formula function',
  [ROUND, ABS, MIN, MAX, IF, COALESCE, CONCAT, UPPER, LOWER, LEN, TODAY, YEAR, MONTH, DAYS_BETWEEN, ADD_DAYS].map((f) => [f.name, f] as const),
);
