import type { ApprovalNode } from '@tessera/metadata';
import { settleRound } from '../approval-round';
import { stepJson } from '../history-steps';
import type { ProcessTx, Task } from '../model';
import { voteOnTask } from '../store';
import type { DecisionInput, DecisionKind } from './decision-kind';

/** Records a vote on a task, with its history step, then counts the step's votes (one statement for the first two and the round). */
async function vote(px: ProcessTx, node: ApprovalNode, task: Task, input: DecisionInput, status: 'approved' | 'rejected'): Promise<void> {
  const step = stepJson(px, { event: status, node: node.id, taskId: task.id, ...(input.comment ? { comment: input.comment } : {}) });
  const round = await voteOnTask(px.trx, task, { status, comment: input.comment ?? null, decidedBy: px.actor, decidedAt: px.now.toISOString() },
    { entity: px.instance.entity, recordId: px.instance.recordId, step });
  await settleRound(px, node, task.tokenId, round);
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
