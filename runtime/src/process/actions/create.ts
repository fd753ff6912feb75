import { createRecord } from '../../records/operations';
import type { ActionExecutor } from '../action-executor';
import { systemContext } from '../record-access';
import { actionValues } from './values';

/** Creates a record of an entity, validated like any create, owned by whoever's decision got the process here. */
export const createExecutor: ActionExecutor<'create'> = {
  action: 'create',
  writesRecords: true,
  run: async (px, node) => {
    const ctx = systemContext(px.engine, px.trx, px.actor, px.now);
    await createRecord(ctx, px.engine.app.entities[node.entity]!, await actionValues(px, node.values));
  },
};
