import type { ValidationRule } from '@tessera/metadata';
import { localize } from '../i18n';
import type { AppModel, EntityModel } from '../model/app-model';
import { fieldSchema, isRequiredOnCreate } from './field-schema';
import { compileRule } from './rule-schema';
import { pointer, ruleCode, type EntityForm, type FormRule, type FormVariant } from './types';
import { formLayout, uiSchemaOf } from './ui-schema';

/** Options of entityForm. */
export interface EntityFormOptions {
  /** A layout of the entity; the default layout when left out. */
  readonly layout?: string;
  readonly locale: string;
  readonly variant: FormVariant;
}

/** Whether a rule runs on a create or an update. */
export const ruleApplies = (rule: ValidationRule, variant: FormVariant): boolean => (rule.on ?? ['create', 'update']).includes(variant);

/**
 * The form of an entity: a JSON Schema (rjsf renders it; the server compiles it with createFormValidator), its
 * uiSchema, and the rules JSON Schema cannot express. An update body is partial, but its rules (allOf) are about the
 * whole record: the server validates the stored record merged with the body.
 */
export function entityForm(app: AppModel, entity: string, options: EntityFormOptions): EntityForm {
  const model = entityOf(app, entity);
  const properties = Object.fromEntries(model.fieldNames.map((name) => [name, fieldSchema(model.fields[name]!, options.locale, app)]));
  const required = model.fieldNames.filter((name) => isRequiredOnCreate(model.fields[name]!));
  const rules = model.rules.filter((rule) => ruleApplies(rule, options.variant));
  const compiled = rules.map((rule) => compileRule(app, entity, rule));
  const schema = {
    type: 'object',
    title: localize(model.label, options.locale, model.name),
    additionalProperties: false,
    properties,
    ...(options.variant === 'create' && required.length ? { required } : {}),
    ...(compiled.some(Boolean) ? { allOf: compiled.filter(Boolean) } : {}),
  };
  return {
    schema,
    uiSchema: uiSchemaOf(model, formLayout(app, entity, options.layout), properties, options.locale),
    rules: rules.filter((_, i) => !compiled[i]).map((rule) => formRule(rule, options.locale)),
  };
}

/** A rule left to the condition evaluator, with its code, path and message in a language. */
export function formRule(rule: ValidationRule, locale: string): FormRule {
  return {
    name: rule.name,
    code: ruleCode(rule.name),
    path: rule.field ? pointer(rule.field) : '',
    message: localize(rule.message, locale, rule.name),
    when: rule.when,
    on: rule.on ?? ['create', 'update'],
  };
}

const entityOf = (app: AppModel, entity: string): EntityModel => {
  const model = Object.hasOwn(app.entities, entity) ? app.entities[entity] : undefined;
  if (!model) throw new Error(`unknown entity "${entity}"; known: ${Object.keys(app.entities).join(', ')}`);
  return model;
};
