import { currentRecord } from './record-access';
import { randomUUID } from 'node:crypto';
import { tally } from '@tessera/core';
import type { ApprovalNode } from '@tessera/metadata';
import { addDuration } from './durations';
import { ProcessFailure } from './failure';
import { writeStep } from './history-steps';
import type { ProcessTx, Task } from './model';
import { administrators, managerOf, resolveApprovers } from './approvers';
import { closeRound, insertTasks, saveTask, tasksOfToken } from './store';
import { shareToRead } from '../sharing/shares';
import { tellAssignee } from './task-notices';

/** Whether the submitter may approve their own submission at this step (off unless the node or the process allows it). */
const selfApproval = (px: ProcessTx, node: ApprovalNode) => node.allowSelfApproval ?? px.process.allowSelfApproval ?? false;

/**
 * Who approves a step: its sources, without the submitter unless self-approval is on. When nobody is left, the
 * submitter's manager approves, then the administrators; a step with nobody at all fails the instance visibly.
 */
async function approversOf(px: ProcessTx, node: ApprovalNode): Promise<{ users: string[]; sequential: boolean }> {
  const found = await resolveApprovers({ trx: px.trx, record: await currentRecord(px), submittedBy: px.instance.submittedBy }, node.approvers);
  const allowed = (id: string) => selfApproval(px, node) || id !== px.instance.submittedBy;
  let users = found.users.filter(allowed);
  if (!users.length && px.instance.submittedBy) users = [await managerOf(px.trx, px.instance.submittedBy)].filter((u): u is string => !!u && allowed(u));
  if (!users.length) users = (await administrators(px.trx)).filter(allowed);
  if (!users.length) throw new ProcessFailure(`step "${node.id}" has no approver: its sources name nobody who may approve, and there is no manager or administrator to fall back to`);
  return { users, sequential: (node.sequential ?? false) || found.sequential };
}

/**
 * Opens a task: its due time from the step's timeout, its timer, word to its assignee, and a share so that they can
 * read the record they are asked to decide on (a manager may approve a record outside their role's rows).
 */
export async function openTask(px: ProcessTx, node: ApprovalNode, task: Task): Promise<Task> {
  const dueAt = node.timeout ? addDuration(px.now, node.timeout.after) : undefined;
  const opened = task.status === 'open' && !dueAt ? task : await saveTask(px.trx, task, { status: 'open', dueAt: dueAt?.toISOString() ?? null });
  if (dueAt) await px.engine.timer(px.trx, { kind: 'task', instanceId: px.instance.id, taskId: opened.id, revision: opened.revision }, dueAt);
  await shareToRead(px.trx, px.instance.entity, px.instance.recordId, opened.assignee, px.actor);
  await writeStep(px, { event: 'assigned', node: node.id, taskId: opened.id, to: opened.assignee });
  await tellAssignee(px, opened);
  return opened;
}

/** Starts a round of an approval step for a token: one task per approver, all open, or one at a time when sequential. */
export async function startRound(px: ProcessTx, node: ApprovalNode, tokenId: string): Promise<void> {
  const { users, sequential } = await approversOf(px, node);
  const tasks = users.map((assignee, position): Task => ({
    id: randomUUID(), instanceId: px.instance.id, tokenId, node: node.id, position, assignee, originalAssignee: null, delegatedUntil: null,
    status: sequential && position > 0 ? 'queued' : 'open', comment: null, decidedBy: null, decidedAt: null, dueAt: null, revision: 1,
  }));
  await insertTasks(px.trx, tasks);
  for (const task of tasks) if (task.status === 'open') await openTask(px, node, task);
}

/**
 * Counts a round's votes after a decision (the round as the vote read it, or read here): once the mode's outcome is reached the remaining tasks are cancelled and
 * the token goes on along "approved" or "rejected"; otherwise a sequential step opens its next task.
 */
export async function settleRound(px: ProcessTx, node: ApprovalNode, tokenId: string, round?: readonly Task[]): Promise<void> {
  const tasks = (round ?? await tasksOfToken(px.trx, tokenId)).filter((t) => t.status !== 'cancelled');
  const outcome = tally(node, {
    approvers: tasks.length,
    approved: tasks.filter((t) => t.status === 'approved').length,
    rejected: tasks.filter((t) => t.status === 'rejected').length,
  });
  if (outcome === 'pending') {
    const queued = tasks.find((t) => t.status === 'queued');
    if (queued && !tasks.some((t) => t.status === 'open')) await openTask(px, node, queued);
    return;
  }
  const at = await closeRound(px.trx, tokenId);
  px.instance.outcome = outcome;
  if (at) await px.engine.goOn(px, at, outcome);
}
