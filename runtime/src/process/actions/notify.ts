import { currentRecord } from '../record-access';
import { notifyUsers } from '../../notifications';
import type { ActionExecutor } from '../action-executor';
import { resolveApprovers } from '../approvers';
import { noticeData } from '../task-notices';

/** Tells the owner, the submitter or the users sources name, from a template in each one's language, in the app and by e-mail. */
export const notifyExecutor: ActionExecutor<'notify'> = {
  action: 'notify',
  writesRecords: false,
  run: async (px, node, arrival) => {
    const userIds = node.to === 'owner' ? [(await currentRecord(px)).ownerId] : node.to === 'submitter' ? [px.instance.submittedBy]
      : (await resolveApprovers({ trx: px.trx, record: await currentRecord(px), submittedBy: px.instance.submittedBy }, node.to)).users;
    await notifyUsers(px.trx, px.engine.app, {
      userIds: userIds.filter((u): u is string => typeof u === 'string'), template: node.template, data: await noticeData(px),
      ...(node.channels ? { channels: node.channels } : {}), key: `node:${px.instance.id}:${node.id}:${arrival.tokenId}`,
      entity: px.instance.entity, recordId: px.instance.recordId,
    });
  },
};
