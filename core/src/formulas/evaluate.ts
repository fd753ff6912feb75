import type { EvalContext, RecordData } from '../model/context';
import { pathValue } from '../model/path-value';
import { formulaFunctions } from './functions';
import { binaryOperators, unaryOperators } from './operators';
import type { FormulaNode } from './types';
import { kindOf } from './values';

type Evaluator<K extends FormulaNode['kind']> = (node: Extract<FormulaNode, { kind: K }>, record: RecordData, ctx: EvalContext) => unknown;

const evaluators: { [K in FormulaNode['kind']]: Evaluator<K> } = {
  literal: (node) => node.value,
  field: (node, record, ctx) => {
    const value = pathValue(node.path, record, ctx);
    return value === null || value === undefined ? null : kindOf(node.type).normalize(value);
  },
  unary: (node, record, ctx) => unaryOperators.get(node.op).evaluate(evaluateFormula(node.operand, record, ctx)),
  binary: (node, record, ctx) =>
    binaryOperators.get(node.op).evaluate(evaluateFormula(node.left, record, ctx), evaluateFormula(node.right, record, ctx), node.left.type),
  call: (node, record, ctx) =>
    formulaFunctions.get(node.name).evaluate(node.args.map((a) => evaluateFormula(a, record, ctx)), node.args.map((a) => a.type), ctx),
};

/** Evaluates a parsed formula against a record in memory; NULL is null. Lookups are followed through ctx.lookup. */
export function evaluateFormula(ast: FormulaNode, record: RecordData, ctx: EvalContext): unknown {
  return (evaluators[ast.kind] as Evaluator<FormulaNode['kind']>)(ast, record, ctx) ?? null;
}
