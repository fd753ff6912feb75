import type { ApprovalNode } from '@tessera/metadata';
import { settleRound } from '../approval-round';
import { writeStep } from '../history-steps';
import type { ProcessTx, Task } from '../model';
import { saveTask } from '../store';
import type { DecisionInput, DecisionKind } from './decision-kind';

/** Records a vote on a task, with its history step, then counts the step's votes. */
async function vote(px: ProcessTx, node: ApprovalNode, task: Task, input: DecisionInput, status: 'approved' | 'rejected'): Promise<void> {
  await saveTask(px.trx, task, { status, comment: input.comment ?? null, decidedBy: px.actor, decidedAt: px.now.toISOString() });
  await writeStep(px, { event: status, node: node.id, taskId: task.id, ...(input.comment ? { comment: input.comment } : {}) });
  await settleRound(px, node, task.tokenId);
}

/** Approves: one more approval towards the step's mode. */
export const approveDecision: DecisionKind = {
  name: 'approve', members: { required: [], optional: [] },
  apply: (px, node, task, input) => vote(px, node, task, input, 'approved'),
};

/** Rejects: under "any" the step is rejected; under the other modes, once enough approvals can no longer come. */
export const rejectDecision: DecisionKind = {
  name: 'reject', members: { required: [], optional: [] },
  apply: (px, node, task, input) => vote(px, node, task, input, 'rejected'),
};
