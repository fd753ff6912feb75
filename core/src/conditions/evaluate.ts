import type { EvalContext, RecordData } from '../model/context';
import { pathValue } from '../model/path-value';
import type { ConditionNode } from './ast';
import { kindOf } from './operator';
import { operators } from './operators/index';
import { operandValue } from './placeholders';

/** Whether a record satisfies a condition, in memory, with the semantics of conditions/README.md. */
export function evaluateCondition(ast: ConditionNode, record: RecordData, ctx: EvalContext): boolean {
  switch (ast.kind) {
    case 'const':
      return ast.value;
    case 'and':
      return ast.items.every((item) => evaluateCondition(item, record, ctx));
    case 'or':
      return ast.items.some((item) => evaluateCondition(item, record, ctx));
    case 'not':
      return !evaluateCondition(ast.item, record, ctx);
    case 'test': {
      const actual = pathValue(ast.path, record, ctx) ?? null;
      return operators.get(ast.op).evaluate(actual, operandValue(ast.value, ctx.values), kindOf(ast.path.field));
    }
  }
}
