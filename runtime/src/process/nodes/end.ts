import type { NodeExecutor } from '../node-executor';

/**
 * Ends the branch. An end node with a status ends the whole instance with it (other branches are cancelled); one
 * without lets other branches finish, and the instance then ends as its last approval decided (or "completed").
 */
export const endExecutor: NodeExecutor<'end'> = {
  type: 'end',
  arrive: async (px, node) => {
    if (node.status) px.endStatus = node.status;
    return { end: true };
  },
};
