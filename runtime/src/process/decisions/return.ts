import { notifyUsers } from '../../notifications';
import { writeStep } from '../history-steps';
import { ProcessError } from '../process-error';
import { closeRound, previousApproval, saveTask } from '../store';
import { noticeData } from '../task-notices';
import type { DecisionKind } from './decision-kind';

/**
 * Sends the submission back: to the approval step decided before this one ("previous", the default when there is
 * one), whose approvers decide again, or to the submitter ("submitter"), which ends the instance as "returned" and
 * unlocks the record for them to change and submit again.
 */
export const returnDecision: DecisionKind = {
  name: 'return', members: { required: [], optional: ['to'] },
  apply: async (px, node, task, input) => {
    if (input.to !== undefined && input.to !== 'previous' && input.to !== 'submitter') throw new ProcessError('invalid', 'to must be "previous" or "submitter"', '/to');
    const previous = input.to === 'submitter' ? undefined : await previousApproval(px.trx, px.instance.id, node.id);
    if (input.to === 'previous' && !previous) throw new ProcessError('invalid', 'no earlier approval step to return to', '/to');
    await saveTask(px.trx, task, { status: 'returned', comment: input.comment ?? null, decidedBy: px.actor, decidedAt: px.now.toISOString() });
    await writeStep(px, { event: 'returned', node: node.id, taskId: task.id, to: previous ?? 'submitter', ...(input.comment ? { comment: input.comment } : {}) });
    await closeRound(px.trx, task.tokenId);
    if (previous) return px.engine.enter(px, previous);
    await px.engine.end(px, 'returned', { event: 'finished' });
    if (px.instance.submittedBy) {
      await notifyUsers(px.trx, px.engine.app, {
        userIds: [px.instance.submittedBy], template: 'process_finished', key: `returned:${task.id}`,
        data: await noticeData(px, { comment: input.comment ?? '' }), entity: px.instance.entity, recordId: px.instance.recordId,
      });
    }
  },
};
