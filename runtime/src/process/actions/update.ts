import { updateRecord } from '../../records/operations';
import type { ActionExecutor } from '../action-executor';
import { systemContext } from '../record-access';
import { actionValues } from './values';

/** Sets fields of the record, validated like any update and written to its history; later nodes see the new values. */
export const updateExecutor: ActionExecutor<'update'> = {
  action: 'update',
  writesRecords: true,
  run: async (px, node) => {
    const ctx = systemContext(px.engine, px.trx, px.actor, px.now);
    px.record = await updateRecord(ctx, px.entity, px.instance.recordId, await actionValues(px, node.set));
  },
};
