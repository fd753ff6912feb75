import type { ValidateFunction } from 'ajv/dist/2020';
import { parseCondition } from '../../conditions/parse';
import type { LocalIssue } from '../../errors/issue';
import { fieldTypes } from '../../fields/builtins';
import { createFormValidator } from '../../forms/validator';
import type { EntityModel } from '../../model/app-model';
import { segment } from '../source-map';
import { report, unknownField, type CheckContext } from './context';

// The validator forms and the server use: a default must pass exactly what a submitted value must pass.
const ajv = createFormValidator();
const validators = new Map<string, ValidateFunction>();
const validatorFor = (schema: object): ValidateFunction => {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) validators.set(key, (v = ajv.compile(schema)));
  return v;
};

/** Field checks from the registry, defaults that fit their field, and the fields named by indexes and rules. */
export function checkEntities(ctx: CheckContext): void {
  for (const [name, draft] of ctx.merged.entities) {
    const entity = ctx.app.entities[name]!;
    const local: LocalIssue[] = [];
    for (const fieldName of Object.keys(draft.value.fields)) {
      const field = entity.fields[fieldName]!;
      const path = `/fields/${segment(fieldName)}`;
      const type = fieldTypes.get(field.type);
      // Every field checked here comes from a layer: Tessera's own entities are not among the drafts.
      if (type.systemOnly) local.push({ code: 'field.systemOnly', path: `${path}/type`, params: { name: fieldName, type: field.type }, found: field.type });
      // Checked at the pointer inside the merged entity, then located: an option added by an extension maps to its file.
      report(ctx, draft, '', type.check?.(field.definition as never, { app: ctx.app, field, at: { file: '', path } }) ?? []);
      const def = field.definition as { default?: unknown };
      if (def.default !== undefined) {
        const validate = validatorFor(type.valueSchema(field.definition as never, 'en', ctx.app));
        if (!validate(def.default)) {
          local.push({ code: 'field.default', path: `${path}/default`, params: { reason: validate.errors?.[0]?.message ?? 'invalid' }, found: def.default });
        }
      }
    }
    if (draft.value.titleField !== undefined && !entity.fields[draft.value.titleField]) local.push(unknownField(entity, draft.value.titleField, '/titleField'));
    (draft.value.indexes ?? []).forEach((index, i) => local.push(...fieldsExist(entity, index.fields, `/indexes/${i}/fields`)));
    (draft.value.unique ?? []).forEach((fields, i) => local.push(...fieldsExist(entity, fields, `/unique/${i}`)));
    (draft.value.rules ?? []).forEach((rule, i) => {
      if (rule.field !== undefined && !entity.fields[rule.field]) local.push(unknownField(entity, rule.field, `/rules/${i}/field`));
      const parsed = parseCondition(ctx.app, name, rule.when);
      if (!parsed.ok) local.push(...parsed.issues.map((p) => ({ ...p, path: `/rules/${i}/when${p.path}` })));
    });
    report(ctx, draft, '', local);
  }
}

/** Issues for each listed field the entity lacks. */
export function fieldsExist(entity: EntityModel, fields: readonly string[], path: string): LocalIssue[] {
  return fields.flatMap((f, j) => (Object.hasOwn(entity.fields, f) ? [] : [unknownField(entity, f, `${path}/${j}`)]));
}
