import type { ConditionNode, ResolvedPath } from './ast';

/** Every field path a condition tests, in order of appearance. */
export function conditionPaths(ast: ConditionNode): ResolvedPath[] {
  switch (ast.kind) {
    case 'const':
      return [];
    case 'and':
    case 'or':
      return ast.items.flatMap(conditionPaths);
    case 'not':
      return conditionPaths(ast.item);
    case 'test':
      return [ast.path];
  }
}
