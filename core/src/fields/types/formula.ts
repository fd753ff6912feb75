import { fieldTypeSchemaId, type FieldDefinition } from '@tessera/metadata';
import { OPERATOR_NAMES } from '../../conditions/ast';
import { issue, type Issue } from '../../errors/issue';
import { evaluateFormula } from '../../formulas/evaluate';
import { formulaCycle, guarded, parsedFormula, readFields } from '../../formulas/field-formulas';
import { formulaToSql } from '../../formulas/to-sql';
import type { AppModel, FieldModel } from '../../model/app-model';
import { exportValueOf, type FieldCheckContext, type FieldOf, type FieldType } from '../field-type';
import { valueKinds } from '../value-kinds';
import { fieldTypes } from '../builtins';

type Formula = FieldOf<'formula'>;

// The result type's registry entry does the value work; looked up at call time because builtins imports this file.
const result = (field: Formula): { type: FieldType; definition: never } =>
  ({ type: fieldTypes.get(field.resultType), definition: { type: field.resultType } as FieldDefinition as never });

const isFormula = (field: FieldModel): boolean => fieldTypes.get(field.type) === formulaField;

const dependencies = (app: AppModel) => (field: FieldModel): readonly FieldModel[] => {
  if (!isFormula(field)) return [];
  const parsed = parsedFormula(app, field, (field.definition as Formula).expression);
  return parsed.ok ? readFields(parsed.ast) : [];
};

function check(field: Formula, ctx: FieldCheckContext): Issue[] {
  const at = { file: ctx.at.file, path: `${ctx.at.path}/expression` };
  const parsed = parsedFormula(ctx.app, ctx.field, field.expression);
  if (!parsed.ok) return parsed.issues.map((i) => issue(i.code, at, i.params, i.found));
  const wanted = result(field).type.valueKind(result(field).definition);
  const issues: Issue[] = [];
  if (parsed.type !== wanted) {
    issues.push(issue('formula.result', at, { got: parsed.type, wanted, resultType: field.resultType }, field.expression));
  }
  const cycle = formulaCycle(ctx.field, dependencies(ctx.app));
  if (cycle) issues.push(issue('formula.cycle', at, { cycle }));
  return issues;
}

/** A value computed on read from an expression over the record's fields; its values behave like its resultType's. */
export const formulaField: FieldType<'formula'> = Object.freeze<FieldType<'formula'>>({
  name: 'formula',
  schemaId: fieldTypeSchemaId('formula'),
  valueKind: (field) => result(field).type.valueKind(result(field).definition),
  valueSchema: (field, locale, app) => result(field).type.valueSchema(result(field).definition, locale, app),
  column: () => undefined,
  // Every operator: the condition operators themselves refuse the ones the result's value kind does not support.
  operators: OPERATOR_NAMES,
  coerce: (raw, field, source) => result(field).type.coerce(raw, result(field).definition, source),
  widget: 'readOnly',
  sortSql: (column, field) =>
    result(field).type.sortSql?.(column, result(field).definition) ?? column,
  compare: (a, b, field) => result(field).type.compare(a, b, result(field).definition),
  format: (value, field, locale) => result(field).type.format(value, result(field).definition, locale),
  exportValue: (value, field, locale) => exportValueOf(result(field).type, value, result(field).definition, locale),
  computed: true,
  check,
  sqlExpression: (field, model, ctx) => {
    const parsed = parsedFormula(ctx.app, model, field.expression);
    const empty = { sql: `CAST(NULL AS ${valueKinds[formulaField.valueKind(field)].sqlCast})`, bindings: [] };
    return parsed.ok ? guarded(model, () => formulaToSql(parsed.ast, ctx)) : empty;
  },
  compute: (field, model, record, ctx) => {
    const parsed = parsedFormula(ctx.app, model, field.expression);
    return parsed.ok ? guarded(model, () => evaluateFormula(parsed.ast, record, ctx)) : null;
  },
  readsFrom: (_field, model, app) => dependencies(app)(model),
});
