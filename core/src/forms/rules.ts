import type { ValidationRule } from '@tessera/metadata';
import type { ConditionNode } from '../conditions/ast';
import { evaluateCondition } from '../conditions/evaluate';
import { parseCondition } from '../conditions/parse';
import type { AppModel } from '../model/app-model';
import type { EvalContext, RecordData } from '../model/context';
import { formRule, ruleApplies } from './entity-form';
import { compileRule } from './rule-schema';
import type { FormError, FormVariant } from './types';

/**
 * Runs the rules of an entity that its form's JSON Schema does not express (the form lists them in `rules`) on a
 * whole record, and reports each failing one as `{ path, code: "rule:<name>", message }`.
 */
export function checkRules(app: AppModel, entity: string, record: RecordData, ctx: EvalContext, locale: string, phase: FormVariant): FormError[] {
  return evaluatedRules(app, entity)
    .filter(({ rule, ast }) => ruleApplies(rule, phase) && evaluateCondition(ast, record, ctx))
    .map(({ rule }) => {
      const { path, code, message } = formRule(rule, locale);
      return { path, code, message };
    });
}

const cache = new WeakMap<AppModel, Map<string, ReadonlyArray<{ rule: ValidationRule; ast: ConditionNode }>>>();

/** The entity's rules the schema does not express, parsed once per AppModel (requests only evaluate them). */
function evaluatedRules(app: AppModel, entity: string): ReadonlyArray<{ rule: ValidationRule; ast: ConditionNode }> {
  let byEntity = cache.get(app);
  if (!byEntity) cache.set(app, (byEntity = new Map()));
  let rules = byEntity.get(entity);
  if (!rules) {
    rules = (app.entities[entity]?.rules ?? []).flatMap((rule) => {
      if (compileRule(app, entity, rule)) return [];
      const parsed = parseCondition(app, entity, rule.when);
      // A rule that does not parse was reported when the app loaded; it cannot fail a record.
      return parsed.ok ? [{ rule, ast: parsed.ast }] : [];
    });
    byEntity.set(entity, rules);
  }
  return rules;
}
