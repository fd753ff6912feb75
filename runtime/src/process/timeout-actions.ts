import { currentRecord } from './record-access';
import type { ApprovalNode } from '@tessera/metadata';
import { settleRound } from './approval-round';
import { administrators, managerOf, resolveApprovers } from './approvers';
import { writeStep } from './history-steps';
import type { ProcessTx, Task } from './model';
import { reassignTask } from './reassign';
import { saveTask } from './store';

type Then = NonNullable<ApprovalNode['timeout']>['then'];

/** What a task's timeout does when nobody decided in time, one entry per "then" of the metadata. */
export const timeoutActions: Record<Then, (px: ProcessTx, node: ApprovalNode, task: Task) => Promise<void>> = {
  // Up the reporting line: the assignee's manager (or an administrator) gets the task, with a new timeout, and so on.
  escalate: async (px, node, task) => {
    const to = (await managerOf(px.trx, task.assignee)) ?? (await administrators(px.trx)).find((a) => a !== task.assignee);
    if (!to) return writeStep(px, { event: 'timedOut', node: node.id, taskId: task.id, comment: 'nobody to escalate to' });
    await reassignTask(px, node, task, to, { event: 'escalated' });
  },
  reassign: async (px, node, task) => {
    const { users } = await resolveApprovers({ trx: px.trx, record: await currentRecord(px), submittedBy: px.instance.submittedBy }, node.timeout!.to!);
    const to = users.find((u) => u !== task.assignee);
    if (!to) return writeStep(px, { event: 'timedOut', node: node.id, taskId: task.id, comment: 'nobody to reassign to' });
    await reassignTask(px, node, task, to, { event: 'reassigned' });
  },
  approve: (px, node, task) => decideByTimeout(px, node, task, 'approved'),
  reject: (px, node, task) => decideByTimeout(px, node, task, 'rejected'),
};

async function decideByTimeout(px: ProcessTx, node: ApprovalNode, task: Task, status: 'approved' | 'rejected'): Promise<void> {
  await saveTask(px.trx, task, { status, decidedAt: px.now.toISOString(), comment: 'timed out' });
  await writeStep(px, { event: status, node: node.id, taskId: task.id, comment: 'timed out' });
  await settleRound(px, node, task.tokenId);
}
