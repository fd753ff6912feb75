import { startRound } from '../approval-round';
import type { NodeExecutor } from '../node-executor';

/** Opens the step's tasks and waits for their decisions (settleRound moves the token on). */
export const approvalExecutor: NodeExecutor<'approval'> = {
  type: 'approval',
  arrive: async (px, node, arrival) => {
    await startRound(px, node, arrival.tokenId);
    return { wait: true };
  },
};
