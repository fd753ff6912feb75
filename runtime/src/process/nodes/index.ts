import { Registry, type NodeTypeName } from '@tessera/core';
import type { NodeExecutor } from '../node-executor';
import { actionExecutor } from './action';
import { approvalExecutor } from './approval';
import { conditionExecutor } from './condition';
import { endExecutor } from './end';
import { joinExecutor } from './join';
import { parallelExecutor } from './parallel';
import { startExecutor } from './start';
import { subprocessExecutor } from './subprocess';
import { waitExecutor } from './wait';

const builtin = {
  start: startExecutor, end: endExecutor, condition: conditionExecutor, parallel: parallelExecutor, join: joinExecutor,
  approval: approvalExecutor, action: actionExecutor, wait: waitExecutor, subprocess: subprocessExecutor,
} satisfies { [N in NodeTypeName]: NodeExecutor<N> };

/** The runtime's executor of every process node type, exhaustive over core's node types. */
export const nodeExecutors = new Registry<NodeTypeName, NodeExecutor>('process node executor', Object.entries(builtin) as [NodeTypeName, NodeExecutor][]);
