import type { DuplicateRule } from '@tessera/metadata';
import { fieldTypes } from '../fields/builtins';
import { valueKinds } from '../fields/value-kinds';
import type { EntityModel, FieldModel } from '../model/app-model';
import type { MatchMode } from './matchable';

/** What a duplicate rule does when it matches. */
export type DuplicateAction = DuplicateRule['action'];

/** A record's key under one duplicate rule: records with equal keys under a rule match. */
export interface DuplicateKey {
  readonly rule: string;
  readonly action: DuplicateAction;
  readonly key: string;
}

/**
 * The text a rule compares for a field's value (an API value, as a create body holds it), or undefined when the value
 * is empty: null, blank text, or text with nothing left of it once normalized. Exact values are compared as their
 * kind normalizes them (a number whatever its digits, an instant in UTC); normalized ones by the type's match key.
 */
export function matchValue(field: FieldModel, match: MatchMode, value: unknown): string | undefined {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  const type = fieldTypes.get(field.type);
  if (match === 'normalized') return type.matchKey?.normalize(String(value)) || undefined;
  return String(valueKinds[type.valueKind(field.definition as never)].normalize(value));
}

/** The values a rule compares for a record, one a field in the rule's order; undefined when one of them is empty. */
export function ruleValues(entity: EntityModel, rule: DuplicateRule, record: Readonly<Record<string, unknown>>): string[] | undefined {
  const values: string[] = [];
  for (const { field, match } of rule.fields) {
    const value = matchValue(entity.fields[field]!, match, record[field]);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** A record's key under each duplicate rule of its entity whose fields are all filled, to find duplicates among new records (an import file). */
export function duplicateKeys(entity: EntityModel, record: Record<string, unknown>): DuplicateKey[] {
  return entity.duplicateRules.flatMap((rule) => {
    const values = ruleValues(entity, rule, record);
    return values ? [{ rule: rule.name, action: rule.action, key: JSON.stringify(values) }] : [];
  });
}
