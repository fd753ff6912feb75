import { fieldTypes } from '../../fields/builtins';
import type { ActionType } from '../action-type';
import { actionSchemaId, checkWritableFields } from './fields';

/** Creates a record of an entity. */
export const createAction: ActionType<'create'> = {
  name: 'create',
  schemaId: actionSchemaId('create'),
  check: (node, ctx) => {
    const entity = ctx.app.entities[node.entity];
    if (!entity) return [{ code: 'ref.entity', path: '/entity', params: { name: node.entity, known: Object.keys(ctx.app.entities) }, found: node.entity }];
    return checkWritableFields(node.values, entity, '/values', (t) => fieldTypes.get(t).computed, { app: ctx.app, entity: ctx.entity });
  },
};
