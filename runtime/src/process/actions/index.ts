import { Registry, type ActionName } from '@tessera/core';
import type { ActionExecutor } from '../action-executor';
import { assignExecutor } from './assign';
import { createExecutor } from './create';
import { notifyExecutor } from './notify';
import { updateExecutor } from './update';
import { webhookExecutor } from './webhook';

const builtin = {
  update: updateExecutor, create: createExecutor, notify: notifyExecutor, webhook: webhookExecutor, assign: assignExecutor,
} satisfies { [A in ActionName]: ActionExecutor<A> };

/** The runtime's executor of every process action, exhaustive over core's actions. */
export const actionExecutors = new Registry<ActionName, ActionExecutor>('process action executor', Object.entries(builtin) as [ActionName, ActionExecutor][]);
