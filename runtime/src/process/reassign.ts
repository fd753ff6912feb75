import type { ApprovalNode } from '@tessera/metadata';
import { openTask } from './approval-round';
import { writeStep } from './history-steps';
import type { ProcessTx, Task } from './model';
import { saveTask } from './store';

/**
 * Gives an open task to another user (delegation, escalation, reassignment): the task keeps its place in the step's
 * votes, remembers who it was first given to, and is opened again for the new assignee (word to them, a new due time).
 */
export async function reassignTask(px: ProcessTx, node: ApprovalNode, task: Task, to: string, step: { event: string; comment?: string }, until?: Date): Promise<Task> {
  const moved = await saveTask(px.trx, task, {
    assignee: to, originalAssignee: task.originalAssignee ?? task.assignee, delegatedUntil: until?.toISOString() ?? null,
  });
  await writeStep(px, { ...step, node: node.id, taskId: task.id, to });
  return openTask(px, node, moved);
}
