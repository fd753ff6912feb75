import type { NodeExecutor } from '../node-executor';

/** Goes on at once. */
export const startExecutor: NodeExecutor<'start'> = { type: 'start', arrive: async () => ({ next: null }) };
