import { fieldTypes } from '../fields/builtins';
import { valueKinds, type SqlCast, type ValueKind, type ValueKindDefinition } from '../fields/value-kinds';
import type { FieldModel } from '../model/app-model';
import type { SqlFragment } from '../sql/fragment';
import type { OperatorName } from './ast';

/** The value kind a test compares by: its name and its definition. */
export interface KindInfo {
  readonly name: ValueKind;
  readonly def: ValueKindDefinition;
}

/** A description of the operand an operator wanted, for 'condition.value' issues. */
export interface Wanted {
  readonly en: string;
  readonly 'zh-CN': string;
}

/**
 * One operator of the condition language: its operand check, its in-memory test and its SQL, side by side so the two
 * backends cannot drift apart. Both receive the operand with placeholders already resolved, and both must follow the
 * semantics of README.md: every test is true or false (never SQL's unknown), NULL matches only $eq null, $ne, $nin
 * and $exists false.
 */
export interface Operator {
  readonly name: OperatorName;
  /** Where a placeholder may stand: as the operand itself, as the whole list (or one element of it), or nowhere. */
  readonly placeholders: 'value' | 'list' | 'none';
  /** Whether the operator applies to values of this kind at all (beyond the field type's operator list). */
  supports(kind: KindInfo): boolean;
  /** Undefined when the literal operand is right for the kind, else what was wanted. */
  check(operand: unknown, kind: KindInfo): Wanted | undefined;
  /** The test in memory; actual is the path's value, null when empty. */
  evaluate(actual: unknown, operand: unknown, kind: KindInfo): boolean;
  /** The test in SQL over the path's SQL x; never NULL. */
  toSql(x: SqlFragment, operand: unknown, kind: KindInfo): SqlFragment;
}

/** The value kind of a field, from its type. */
export function kindOf(field: FieldModel): KindInfo {
  const name = fieldTypes.get(field.type).valueKind(field.definition as never);
  return { name, def: valueKinds[name] };
}

/** Builds a fragment from SQL text and fragments, keeping the bindings in the order of their '?'. */
export function sqlOf(strings: TemplateStringsArray, ...parts: readonly SqlFragment[]): SqlFragment {
  let text = strings[0] ?? '';
  const bindings: unknown[] = [];
  parts.forEach((part, i) => {
    text += part.sql + (strings[i + 1] ?? '');
    bindings.push(...part.bindings);
  });
  return { sql: text, bindings };
}

/** What values of each kind can be tested for: equality ($eq, $in...) and order ($gt...). */
export const KIND_TRAITS: Record<ValueKind, { readonly equality: boolean; readonly order: boolean }> = {
  text: { equality: true, order: true },
  number: { equality: true, order: true },
  date: { equality: true, order: true },
  datetime: { equality: true, order: true },
  boolean: { equality: true, order: false },
  reference: { equality: true, order: false },
  json: { equality: false, order: false },
  textList: { equality: false, order: false },
};

/** A bound value, cast explicitly to the kind's SQL type so PostgreSQL never guesses. */
export const bound = (value: unknown, kind: KindInfo): SqlFragment => ({ sql: `cast(? as ${kind.def.sqlCast})`, bindings: [value] });

// Text orders by code point on every engine (PGlite defaults to C, the cluster to C.UTF-8).
const ORDER_COLLATION: Record<SqlCast, string> = {
  text: ' collate "C"', numeric: '', boolean: '', date: '', timestamptz: '', uuid: '', jsonb: '',
};

/** The path's SQL as an operand of an ordering comparison. */
export const ordered = (x: SqlFragment, kind: KindInfo): SqlFragment => ({ sql: `(${x.sql})${ORDER_COLLATION[kind.def.sqlCast]}`, bindings: x.bindings });

/** A predicate that SQL would leave unknown for a NULL x, made false instead: "(p and x is not null)". */
export const definite = (predicate: SqlFragment, x: SqlFragment): SqlFragment => sqlOf`(${predicate} and ${x} is not null)`;

/** Compares two non-null values of a kind in memory, after normalizing both. */
export const compareValues = (a: unknown, b: unknown, kind: KindInfo): number => kind.def.compare(kind.def.normalize(a), kind.def.normalize(b));

/** The wanted text for one literal of the kind. */
export const literalOf = (kind: KindInfo): Wanted => kind.def.literal;

/** Checks a single literal of the kind, optionally allowing null. */
export function checkLiteral(operand: unknown, kind: KindInfo, allowNull: boolean): Wanted | undefined {
  if (operand === null) return allowNull ? undefined : literalOf(kind);
  return kind.def.isLiteral(operand) ? undefined : literalOf(kind);
}
