import { parseCondition } from '../../conditions/parse';
import type { LocalIssue } from '../../errors/issue';
import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** Branches on a condition over the record. */
export const conditionNode: NodeType<'condition'> = {
  name: 'condition',
  schemaId: nodeSchemaId('condition'),
  outcomes: () => ['true', 'false'],
  next: { min: 0, max: 0 },
  check: (node, ctx) => {
    const parsed = parseCondition(ctx.app, ctx.entity.name, node.when);
    return parsed.ok ? [] : parsed.issues.map((i): LocalIssue => ({ ...i, path: `/when${i.path}` }));
  },
};
