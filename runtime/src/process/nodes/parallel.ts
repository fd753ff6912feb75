import type { NodeExecutor } from '../node-executor';

/** Sends a token down every outgoing edge (the engine follows all unnamed edges). */
export const parallelExecutor: NodeExecutor<'parallel'> = { type: 'parallel', arrive: async () => ({ next: null }) };
