import {
  checkRules, createFormValidator, entityForm, formErrors, readOnlyViolations,
  type AppModel, type EntityForm, type EntityModel, type EvalContext, type FormError, type FormVariant, type RecordData,
} from '@tessera/core';

// Ajv's own types, as core's validator has them (the runtime does not depend on ajv directly).
type ValidateFunction = ReturnType<ReturnType<typeof createFormValidator>['compile']>;

interface Compiled {
  readonly form: EntityForm;
  readonly validate: ValidateFunction;
}

const ajv = createFormValidator();
const cache = new WeakMap<AppModel, Map<string, Compiled>>();

/** The entity's form schema for a variant, compiled once per AppModel: the very schema the client's form renders. */
function compiled(app: AppModel, entity: string, variant: FormVariant): Compiled {
  let byKey = cache.get(app);
  if (!byKey) cache.set(app, (byKey = new Map()));
  const key = `${entity}:${variant}`;
  let c = byKey.get(key);
  if (!c) {
    const form = entityForm(app, entity, { locale: 'en', variant });
    byKey.set(key, (c = { form, validate: ajv.compile(form.schema) }));
  }
  return c;
}

const READ_ONLY = { en: 'is read-only', 'zh-CN': '为只读字段' } as const;

const defaults = new WeakMap<EntityModel, Readonly<Record<string, unknown>>>();

/** The values a create takes for the fields its body leaves out: each field's default (worked out once per model). */
export function defaultsOf(entity: EntityModel): Readonly<Record<string, unknown>> {
  let out = defaults.get(entity);
  if (!out) {
    const found: Record<string, unknown> = {};
    for (const name of entity.fieldNames) {
      const def = (entity.fields[name]!.definition as { default?: unknown }).default;
      if (def !== undefined) found[name] = def;
    }
    defaults.set(entity, (out = found));
  }
  return out;
}

/**
 * Errors of a request body: not an object, read-only fields set (unless the writer may: a process), or anything the
 * form's schema refuses. An update's body is partial, so the rules compiled into the schema would read its missing
 * fields as empty: they are left to ruleErrors, which checks the stored record merged with the body.
 */
export function bodyErrors(app: AppModel, entity: string, variant: FormVariant, body: unknown, locale: string, writesReadOnly = false): FormError[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: '', code: 'type', message: locale === 'zh-CN' ? '请求体必须是 JSON 对象' : 'the body must be a JSON object' }];
  }
  const { form, validate } = compiled(app, entity, variant);
  const readOnly = writesReadOnly ? [] : readOnlyViolations(form.schema, body as Record<string, unknown>)
    .map((path) => ({ path, code: 'readOnly', message: locale === 'zh-CN' ? READ_ONLY['zh-CN'] : READ_ONLY.en }));
  if (readOnly.length) return readOnly;
  // A create is checked as it will be stored: a required field with a default may be left out, as the form does.
  if (validate(variant === 'create' ? { ...defaultsOf(app.entities[entity]!), ...body } : body)) return [];
  const errors = formErrors(validate.errors, form, locale);
  return variant === 'update' ? errors.filter((e) => !e.code.startsWith('rule:')) : errors;
}

/**
 * Rule violations of a whole record: the rules compiled into the schema (validated against the full record, since an
 * update body is partial) and the rest through the shared condition evaluator.
 */
export function ruleErrors(app: AppModel, entity: string, variant: FormVariant, record: RecordData, ctx: EvalContext, locale: string): FormError[] {
  // Most entities have no rules: spare them a second validation of the whole record.
  if (!app.entities[entity]!.rules.length) return [];
  const { form, validate } = compiled(app, entity, 'update');
  const compiledRules = validate(record) ? [] : formErrors(validate.errors, form, locale).filter((e) => e.code.startsWith('rule:'));
  return [...compiledRules, ...checkRules(app, entity, record, ctx, locale, variant)];
}
