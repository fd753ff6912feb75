import type { ValueKind } from '../fields/value-kinds';
import type { PlaceholderValues } from '../model/context';
import { PLACEHOLDER_NAMES, type Operand, type PlaceholderName } from './ast';

/** What a placeholder stands for: a value of a kind, or a list of them, and how to get it at run time. */
export interface Placeholder {
  readonly kind: ValueKind;
  readonly shape: 'value' | 'list';
  resolve(values: PlaceholderValues): unknown;
}

/** Thrown when a condition needs a value the context does not carry ($user.* without a user): fail closed, loudly. */
export class PlaceholderError extends Error {
  override readonly name = 'PlaceholderError';
}

const user = (values: PlaceholderValues, name: PlaceholderName) => {
  if (!values.user) throw new PlaceholderError(`the condition uses ${name} but no user is given`);
  return values.user;
};

/** Every placeholder, by name. */
export const placeholders: Record<PlaceholderName, Placeholder> = {
  '$user.id': { kind: 'reference', shape: 'value', resolve: (v) => user(v, '$user.id').id },
  '$user.teamIds': { kind: 'reference', shape: 'list', resolve: (v) => [...user(v, '$user.teamIds').teamIds] },
  '$user.subordinateIds': { kind: 'reference', shape: 'list', resolve: (v) => [...user(v, '$user.subordinateIds').subordinateIds] },
  '$now': { kind: 'datetime', shape: 'value', resolve: (v) => v.now.toISOString() },
  '$today': { kind: 'date', shape: 'value', resolve: (v) => v.today },
};

// Strings shaped like a placeholder ("$user.name", "$yesterday") are taken as a mistyped one rather than as text.
const PLACEHOLDER_LIKE = /^\$[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*$/;

/** Classifies a literal: a known placeholder, something shaped like an unknown one, or a plain value. */
export function placeholderOf(value: unknown): { known: PlaceholderName } | { unknown: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const known = PLACEHOLDER_NAMES.find((name) => name === value);
  if (known) return { known };
  return PLACEHOLDER_LIKE.test(value) ? { unknown: value } : undefined;
}

/** The value of an operand: the literal, or the placeholder resolved against the context. */
export const operandValue = (operand: Operand, values: PlaceholderValues): unknown =>
  operand.kind === 'literal' ? operand.value : placeholders[operand.name].resolve(values);
