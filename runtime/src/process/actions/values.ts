import { evaluateFormula, isFieldValue, isFormulaValue, parseFormula, type FormulaNode } from '@tessera/core';
import type { Row } from '../../db/statement';
import type { ProcessTx } from '../model';
import { currentRecord, evaluateOnRecord } from '../record-access';

const parsed = new WeakMap<object, FormulaNode>();

/**
 * An action's values as written, except {"formula": "..."} (computed from the instance's record, through lookups)
 * and {"field": "..."} (copied from the record: {"field": "id"} links a new record to it). Both were checked when
 * the app loaded.
 */
export async function actionValues(px: ProcessTx, values: Record<string, unknown>): Promise<Row> {
  const out: Row = {};
  const record = await currentRecord(px);
  for (const [name, value] of Object.entries(values)) {
    if (isFieldValue(value)) out[name] = record[value.field] ?? null;
    else if (isFormulaValue(value)) {
      const formula = formulaOf(px, value);
      out[name] = await evaluateOnRecord(px, (record, ctx) => evaluateFormula(formula, record, ctx));
    } else out[name] = value;
  }
  return out;
}

function formulaOf(px: ProcessTx, value: { formula: string }): FormulaNode {
  let ast = parsed.get(value);
  if (!ast) {
    const result = parseFormula(px.engine.app, px.entity.name, value.formula);
    if (!result.ok) throw new Error(`process "${px.process.name}": invalid formula "${value.formula}"`);
    parsed.set(value, (ast = result.ast));
  }
  return ast;
}
