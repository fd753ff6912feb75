/** The job queue of the engine's timers (waits, task timeouts, delegations that end). */
export const TIMER_QUEUE = 'tessera_timers';

/** A timer job's data: which kind of timer, the instance it belongs to, and what it is about. */
export type TimerData =
  | { readonly kind: 'token'; readonly instanceId: string; readonly tokenId: string }
  | { readonly kind: 'task'; readonly instanceId: string; readonly taskId: string; readonly revision: number }
  | { readonly kind: 'delegation'; readonly instanceId: string; readonly taskId: string; readonly revision: number };
