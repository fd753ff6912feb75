import { SCHEMA_BASE } from '@tessera/metadata';
import { actionTypes } from '../actions';
import type { NodeType } from '../node-type';

/** Runs an action from the action registry, then goes on. */
export const actionNode: NodeType<'action'> = {
  name: 'action',
  schemaId: `${SCHEMA_BASE}process-action.schema.json`,
  outcomes: () => [],
  next: { min: 0, max: 1 },
  check: (node, ctx) => actionTypes.get(node.action).check?.(node as never, ctx) ?? [],
};
