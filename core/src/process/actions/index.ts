import { Registry } from '../../registry';
import type { ActionName, ActionType } from '../action-type';
import { assignAction } from './assign';
import { createAction } from './create';
import { notifyAction } from './notify';
import { updateAction } from './update';
import { webhookAction } from './webhook';

export { isFieldValue, isFormulaValue } from './fields';

/** Every process action, exhaustive over the schema's union of action names. */
export const builtinActionTypes = {
  update: updateAction, create: createAction, notify: notifyAction, webhook: webhookAction, assign: assignAction,
} satisfies { [A in ActionName]: ActionType<A> };

/** The process action registry. */
export const actionTypes = new Registry<ActionName, ActionType>('process action', Object.entries(builtinActionTypes) as [ActionName, ActionType][]);
