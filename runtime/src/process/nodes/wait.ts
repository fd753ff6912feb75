import { currentRecord } from '../record-access';
import type { NodeExecutor } from '../node-executor';
import { addDuration } from '../durations';
import { writeStep } from '../history-steps';

/**
 * Waits for a duration, or until the date in a field of the record; a date already past (or empty) does not wait.
 * The timer is a job, so the wait survives restarts.
 */
export const waitExecutor: NodeExecutor<'wait'> = {
  type: 'wait',
  arrive: async (px, node) => {
    const until = node.for ? addDuration(px.now, node.for) : dateOf((await currentRecord(px))[node.until!]);
    if (!until || until.getTime() <= px.now.getTime()) return { next: null };
    await writeStep(px, { event: 'waiting', node: node.id, to: until.toISOString() });
    return { wait: true, dueAt: until };
  },
};

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const at = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
