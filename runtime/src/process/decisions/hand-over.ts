import { randomUUID } from 'node:crypto';
import { isUuid } from '@tessera/core';
import { openTask } from '../approval-round';
import { writeStep } from '../history-steps';
import { ProcessError } from '../process-error';
import type { ProcessTx, Task } from '../model';
import { reassignTask } from '../reassign';
import { insertTasks, shiftTasksAfter, tasksOfToken } from '../store';
import type { DecisionKind } from './decision-kind';

/** The user a decision hands work to: an active user, not the assignee, and not the submitter unless self-approval is on. */
async function handOverTo(px: ProcessTx, task: Task, to: string | undefined, selfAllowed: boolean): Promise<string> {
  if (!to || !isUuid(to)) throw new ProcessError('invalid', 'to must be a user id', '/to');
  const user = await px.trx('user').where({ id: to }).first('id', 'active') as { id: string; active: boolean | null } | undefined;
  if (!user || user.active === false) throw new ProcessError('invalid', 'to is not an active user', '/to');
  if (to === task.assignee) throw new ProcessError('invalid', 'the task is already theirs', '/to');
  if (to === px.instance.submittedBy && !selfAllowed) throw new ProcessError('invalid', 'the submitter may not approve their own submission', '/to');
  return to;
}

const selfAllowed = (px: ProcessTx, node: { allowSelfApproval?: boolean }) => node.allowSelfApproval ?? px.process.allowSelfApproval ?? false;

/** Hands the task to another user, for good or until a date (then it comes back to the delegating assignee). */
export const delegateDecision: DecisionKind = {
  name: 'delegate', members: { required: ['to'], optional: ['until'] },
  apply: async (px, node, task, input) => {
    const to = await handOverTo(px, task, input.to, selfAllowed(px, node));
    const until = input.until === undefined ? undefined : new Date(input.until);
    if (until && (Number.isNaN(until.getTime()) || until.getTime() <= px.now.getTime())) throw new ProcessError('invalid', 'until must be an instant in the future', '/until');
    const moved = await reassignTask(px, node, task, to, { event: 'delegated', ...(input.comment ? { comment: input.comment } : {}) }, until);
    if (until) await px.engine.timer(px.trx, { kind: 'delegation', instanceId: px.instance.id, taskId: moved.id, revision: moved.revision }, until);
  },
};

/**
 * Adds an approver to the step: their vote counts like the others' (an "all" step then needs theirs too). In a
 * sequential step they decide right after the one who added them; otherwise at once, beside the others.
 */
export const addApproverDecision: DecisionKind = {
  name: 'addApprover', members: { required: ['to'], optional: [] },
  apply: async (px, node, task, input) => {
    const to = await handOverTo(px, task, input.to, selfAllowed(px, node));
    const round = await tasksOfToken(px.trx, task.tokenId);
    if (round.some((t) => t.assignee === to && (t.status === 'open' || t.status === 'queued'))) throw new ProcessError('invalid', 'they already have a task in this step', '/to');
    const sequential = round.some((t) => t.status === 'queued') || node.sequential === true;
    if (sequential) await shiftTasksAfter(px.trx, task.tokenId, task.position);
    const added: Task = {
      id: randomUUID(), instanceId: px.instance.id, tokenId: task.tokenId, node: node.id, position: sequential ? task.position + 1 : round.length,
      assignee: to, originalAssignee: null, delegatedUntil: null, status: sequential ? 'queued' : 'open', comment: null, decidedBy: null, decidedAt: null, dueAt: null, revision: 1,
    };
    await insertTasks(px.trx, [added]);
    await writeStep(px, { event: 'approverAdded', node: node.id, taskId: task.id, to, ...(input.comment ? { comment: input.comment } : {}) });
    if (!sequential) await openTask(px, node, added);
  },
};
