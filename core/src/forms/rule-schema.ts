import type { ValidationRule } from '@tessera/metadata';
import type { ConditionNode } from '../conditions/ast';
import { parseCondition } from '../conditions/parse';
import type { JsonSchema } from '../fields/field-type';
import { fieldTypes } from '../fields/builtins';
import type { AppModel, FieldModel } from '../model/app-model';
import { isReadOnly } from './field-schema';
import { ruleTests, type RuleTest } from './rule-operators';
import { pointer, RULE_KEYWORD, type RuleAnnotation } from './types';

type Test = Extract<ConditionNode, { kind: 'test' }>;
interface Compilable { readonly field: FieldModel; readonly test: RuleTest; readonly operand: unknown; readonly type: string }

/**
 * A rule as one allOf entry, when JSON Schema can say it: `when` is an AND of tests with literal operands on the
 * entity's own writable fields, and the rule's field (or the only tested field) is tested exactly once. The rule
 * fails when every test holds, so the entry reads: if the other tests hold, then the field's test must not.
 */
export function compileRule(app: AppModel, entity: string, rule: ValidationRule): JsonSchema | undefined {
  const parsed = parseCondition(app, entity, rule.when);
  if (!parsed.ok) return undefined;
  const tests = conjunction(parsed.ast)?.map((test) => compilable(app, test));
  if (!tests || tests.length === 0 || tests.some((t) => !t)) return undefined;
  const all = tests as Compilable[];
  const targetName = rule.field ?? (new Set(all.map((t) => t.field.name)).size === 1 ? all[0]!.field.name : undefined);
  const onTarget = all.filter((t) => t.field.name === targetName);
  if (onTarget.length !== 1) return undefined;
  const others = all.filter((t) => t !== onTarget[0]);
  const annotation: RuleAnnotation = { name: rule.name, path: pointer(targetName!), message: rule.message };
  return {
    [RULE_KEYWORD]: annotation,
    ...(others.length ? { if: { allOf: others.map(holds) } } : {}),
    ...(others.length ? { then: fails(onTarget[0]!) } : fails(onTarget[0]!)),
  };
}

function conjunction(node: ConditionNode): Test[] | undefined {
  if (node.kind === 'test') return [node];
  if (node.kind !== 'and') return undefined;
  const parts = node.items.map(conjunction);
  return parts.every((p) => p) ? parts.flat() as Test[] : undefined;
}

function compilable(app: AppModel, node: Test): Compilable | undefined {
  const { path, op, value } = node;
  const test = ruleTests[op];
  if (!test || value.kind !== 'literal' || path.via.length > 0 || isReadOnly(path.field)) return undefined;
  const type = fieldTypes.get(path.field.type);
  if (!test.supports(type.valueKind(path.field.definition as never), value.value)) return undefined;
  const jsonType = type.valueSchema(path.field.definition as never, 'en', app).type;
  return typeof jsonType === 'string' ? { field: path.field, test, operand: value.value, type: jsonType } : undefined;
}

const NULL = { type: 'null' };

/** The record satisfies this schema exactly when the test holds (a missing property counts as null). */
function holds({ field, test, operand, type }: Compilable): JsonSchema {
  const match = test.match(operand, type);
  return test.nullHolds(operand)
    ? { properties: { [field.name]: { anyOf: [NULL, match] } } }
    : { required: [field.name], properties: { [field.name]: { allOf: [{ not: NULL }, match] } } };
}

/** The record satisfies this schema exactly when the test does not hold. */
function fails({ field, test, operand, type }: Compilable): JsonSchema {
  const mismatch = test.mismatch(operand, type);
  return test.nullHolds(operand)
    ? { required: [field.name], properties: { [field.name]: { allOf: [{ not: NULL }, mismatch] } } }
    : { properties: { [field.name]: { anyOf: [NULL, mismatch] } } };
}
