import type { OperatorName } from '../conditions/ast';
import type { JsonSchema } from '../fields/field-type';
import type { ValueKind } from '../fields/value-kinds';

type Schema = JsonSchema | boolean;

/**
 * How one condition test reads in JSON Schema. `match` and `mismatch` decide for a non-null value whether the test
 * holds; `nullHolds` says what a null or missing value gives (the condition evaluator's semantics: NULL matches only
 * $eq null, $ne, $nin and $exists false). `type` is the JSON type of the field's values.
 */
export interface RuleTest {
  supports(kind: ValueKind, operand: unknown): boolean;
  nullHolds(operand: unknown): boolean;
  match(operand: unknown, type: string): Schema;
  mismatch(operand: unknown, type: string): Schema;
}

// Equality JSON Schema decides like the evaluator: exact text, numbers by value, dates as YYYY-MM-DD. Instants
// ("...Z" against "...+08:00") and ids (letter case) compare differently, so they stay with the evaluator.
const EQUATABLE: readonly ValueKind[] = ['text', 'number', 'boolean', 'date'];
const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const equatable = (kind: ValueKind, operand: unknown) => EQUATABLE.includes(kind) && (operand === null || isScalar(operand));
const list = (kind: ValueKind, operand: unknown) => EQUATABLE.includes(kind) && Array.isArray(operand) && operand.length > 0 && operand.every(isScalar);
const numeric = (kind: ValueKind, operand: unknown) => kind === 'number' && typeof operand === 'number';

const bound = (holds: string, fails: string): RuleTest => ({
  supports: numeric,
  nullHolds: () => false,
  match: (v, type) => ({ type, [holds]: v }),
  mismatch: (v, type) => ({ type, [fails]: v }),
});

/** The condition operators a form rule can compile; the others (and placeholders) are left to the evaluator. */
export const ruleTests: Partial<Record<OperatorName, RuleTest>> = {
  $eq: {
    supports: equatable,
    nullHolds: (v) => v === null,
    match: (v) => (v === null ? false : { const: v }),
    mismatch: (v) => (v === null ? true : { not: { const: v } }),
  },
  $ne: {
    supports: equatable,
    nullHolds: (v) => v !== null,
    match: (v) => (v === null ? true : { not: { const: v } }),
    mismatch: (v) => (v === null ? false : { const: v }),
  },
  $in: { supports: list, nullHolds: () => false, match: (v) => ({ enum: v }), mismatch: (v) => ({ not: { enum: v } }) },
  $nin: { supports: list, nullHolds: () => true, match: (v) => ({ not: { enum: v } }), mismatch: (v) => ({ enum: v }) },
  $gt: bound('exclusiveMinimum', 'maximum'),
  $gte: bound('minimum', 'exclusiveMaximum'),
  $lt: bound('exclusiveMaximum', 'minimum'),
  $lte: bound('maximum', 'exclusiveMinimum'),
  $exists: {
    supports: (_kind, v) => typeof v === 'boolean',
    nullHolds: (v) => v === false,
    match: (v) => v === true,
    mismatch: (v) => v !== true,
  },
};
