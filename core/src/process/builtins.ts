import { Registry } from '../registry';
import type { NodeType, NodeTypeName } from './node-type';
import { actionNode } from './nodes/action';
import { approvalNode } from './nodes/approval';
import { conditionNode } from './nodes/condition';
import { endNode } from './nodes/end';
import { joinNode } from './nodes/join';
import { parallelNode } from './nodes/parallel';
import { startNode } from './nodes/start';
import { subprocessNode } from './nodes/subprocess';
import { waitNode } from './nodes/wait';

/** Every process node type, exhaustive over the schema's union of node types. */
export const builtinNodeTypes = {
  start: startNode, end: endNode, condition: conditionNode, parallel: parallelNode, join: joinNode,
  approval: approvalNode, action: actionNode, wait: waitNode, subprocess: subprocessNode,
} satisfies { [N in NodeTypeName]: NodeType<N> };

/** The process node type registry. */
export const nodeTypes = new Registry<NodeTypeName, NodeType>('process node type', Object.entries(builtinNodeTypes) as [NodeTypeName, NodeType][]);
