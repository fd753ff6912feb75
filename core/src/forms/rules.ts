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
  const rules = app.entities[entity]?.rules ?? [];
  return rules
    .filter((rule) => ruleApplies(rule, phase) && !compileRule(app, entity, rule))
    .filter((rule) => {
      const parsed = parseCondition(app, entity, rule.when);
      // A rule that does not parse was reported when the app loaded; it cannot fail a record.
      return parsed.ok && evaluateCondition(parsed.ast, record, ctx);
    })
    .map((rule) => {
      const { path, code, message } = formRule(rule, locale);
      return { path, code, message };
    });
}
