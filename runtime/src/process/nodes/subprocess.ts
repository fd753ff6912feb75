import type { NodeExecutor } from '../node-executor';

/**
 * Starts another process on the same record, at its current version. With "wait" (the default) the token waits until
 * the child finishes (the engine resumes it then); a child that finished at once, or "wait": false, goes on now.
 */
export const subprocessExecutor: NodeExecutor<'subprocess'> = {
  type: 'subprocess',
  arrive: async (px, node, arrival) => {
    const waits = node.wait !== false;
    const child = await px.engine.start(px.trx, {
      process: node.process, recordId: px.instance.recordId, trigger: 'subprocess', actor: px.actor, submittedBy: px.instance.submittedBy,
      ...(waits ? { parent: { id: px.instance.id, token: arrival.tokenId } } : {}),
    });
    return waits && child?.status === 'running' ? { wait: true } : { next: null };
  },
};
