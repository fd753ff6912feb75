import { fieldTypes } from '../../fields/builtins';
import type { ActionType } from '../action-type';
import { actionSchemaId, checkWritableFields } from './fields';

/** Sets fields of the record. */
export const updateAction: ActionType<'update'> = {
  name: 'update',
  schemaId: actionSchemaId('update'),
  check: (node, ctx) => checkWritableFields(node.set, ctx.entity, '/set', (t) => fieldTypes.get(t).computed, { app: ctx.app, entity: ctx.entity }),
};
