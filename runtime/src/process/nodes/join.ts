import type { NodeExecutor } from '../node-executor';
import { graphOf } from '../graph';

/**
 * Waits for the branches that can still reach it: tokens wait here until no token elsewhere in the instance has a
 * path to the join. Branches a condition sent elsewhere are not waited for, so a join never hangs on a path not taken.
 */
export const joinExecutor: NodeExecutor<'join'> = {
  type: 'join',
  arrive: async () => ({ wait: true }),
  settle: (px, node, elsewhere) => !elsewhere.some((at) => graphOf(px.process).reaches(at, node.id)),
};
