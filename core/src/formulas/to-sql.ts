import type { SqlContext } from '../model/context';
import { pathSql } from '../model/path-value';
import type { SqlFragment } from '../sql/fragment';
import { formulaFunctions } from './functions';
import { binaryOperators, unaryOperators } from './operators';
import type { FormulaNode } from './types';
import { boundSql, castSql } from './values';

type Compiler<K extends FormulaNode['kind']> = (node: Extract<FormulaNode, { kind: K }>, ctx: SqlContext) => SqlFragment;

const compilers: { [K in FormulaNode['kind']]: Compiler<K> } = {
  literal: (node) => boundSql(node.value, node.type),
  // Cast so that integer columns divide as numeric and varchar compares as text.
  field: (node, ctx) => castSql(pathSql(node.path, ctx), node.type),
  unary: (node, ctx) => unaryOperators.get(node.op).toSql(formulaToSql(node.operand, ctx)),
  binary: (node, ctx) =>
    binaryOperators.get(node.op).toSql(formulaToSql(node.left, ctx), formulaToSql(node.right, ctx), node.left.type),
  call: (node, ctx) =>
    formulaFunctions.get(node.name).toSql(node.args.map((a) => formulaToSql(a, ctx)), node.args.map((a) => a.type), ctx),
};

/** Compiles a parsed formula to one SQL expression over the row known by ctx.alias; values are bound, never inlined. */
export function formulaToSql(ast: FormulaNode, ctx: SqlContext): SqlFragment {
  return (compilers[ast.kind] as Compiler<FormulaNode['kind']>)(ast, ctx);
}
