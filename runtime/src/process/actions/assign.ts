import { currentRecord } from '../record-access';
import { transferOwner } from '../../records/operations';
import type { ActionExecutor } from '../action-executor';
import { resolveApprovers } from '../approvers';
import { ProcessFailure } from '../failure';
import { systemContext } from '../record-access';

/** Hands the record to the first user the source names (its owner changes, in history like any transfer). */
export const assignExecutor: ActionExecutor<'assign'> = {
  action: 'assign',
  writesRecords: true,
  run: async (px, node) => {
    const { users } = await resolveApprovers({ trx: px.trx, record: await currentRecord(px), submittedBy: px.instance.submittedBy }, node.to);
    if (!users[0]) throw new ProcessFailure(`action "${node.id}" names nobody to assign the record to`);
    px.record = await transferOwner(systemContext(px.engine, px.trx, px.actor, px.now), px.entity, px.instance.recordId, users[0]);
  },
};
