import { evaluateCondition, parseCondition, type ConditionNode } from '@tessera/core';
import type { ProcessDefinition } from '@tessera/metadata';
import type { NodeExecutor } from '../node-executor';
import { evaluateOnRecord } from '../record-access';

const parsed = new WeakMap<object, ConditionNode>();

/** A process condition's AST (validated when the app loaded), parsed once per definition. */
export function conditionAst(px: { engine: { app: Parameters<typeof parseCondition>[0] }; process: ProcessDefinition }, entity: string, when: object): ConditionNode {
  let ast = parsed.get(when);
  if (!ast) {
    const result = parseCondition(px.engine.app, entity, when);
    if (!result.ok) throw new Error(`process "${px.process.name}": invalid condition ${JSON.stringify(when)}`);
    parsed.set(when, (ast = result.ast));
  }
  return ast;
}

/** Takes the "true" or "false" edge by evaluating the condition on the record (through lookups, as rules do). */
export const conditionExecutor: NodeExecutor<'condition'> = {
  type: 'condition',
  arrive: async (px, node) => {
    const ast = conditionAst(px, px.entity.name, node.when);
    return { next: (await evaluateOnRecord(px, (record, ctx) => evaluateCondition(ast, record, ctx))) ? 'true' : 'false' };
  },
};
