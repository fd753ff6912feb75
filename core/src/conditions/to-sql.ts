import type { SqlContext } from '../model/context';
import { pathSql } from '../model/path-value';
import { joinSql, type SqlFragment } from '../sql/fragment';
import type { ConditionNode } from './ast';
import { kindOf, sqlOf } from './operator';
import { operators } from './operators/index';
import { operandValue } from './placeholders';

/**
 * Compiles a condition to a parameterized SQL predicate over the row known by ctx.alias. Values are always bound and
 * cast; identifiers come only from metadata. Every test is true or false, never NULL, so the fragment may be negated
 * or ORed by callers and still agree with evaluateCondition.
 */
export function conditionToSql(ast: ConditionNode, ctx: SqlContext): SqlFragment {
  switch (ast.kind) {
    case 'const':
      return { sql: ast.value ? 'true' : 'false', bindings: [] };
    case 'and':
      return sqlOf`(${joinSql(ast.items.map((item) => conditionToSql(item, ctx)), ' and ')})`;
    case 'or':
      return sqlOf`(${joinSql(ast.items.map((item) => conditionToSql(item, ctx)), ' or ')})`;
    case 'not':
      return sqlOf`(not ${conditionToSql(ast.item, ctx)})`;
    case 'test':
      return operators.get(ast.op).toSql(pathSql(ast.path, ctx), operandValue(ast.value, ctx.values), kindOf(ast.path.field));
  }
}
