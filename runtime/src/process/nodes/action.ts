import { TemplateError } from '../../notifications';
import { RecordError } from '../../records/record-error';
import { actionExecutors } from '../actions';
import { ProcessFailure } from '../failure';
import type { NodeExecutor } from '../node-executor';

/** Why an action failed, in words safe for history: a template's mistake, a refused write's field errors, or a database error's code. */
function reason(error: unknown): string | undefined {
  if (error instanceof TemplateError) return error.message;
  if (error instanceof RecordError) return [error.kind, ...error.errors.map((e) => `${e.path || '/'}: ${e.message}`)].join('; ');
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `database error ${code}` : undefined;
}

/**
 * Runs the node's action from the action registry, then goes on. An action that writes records runs in a savepoint:
 * one that fails (a write refused by a rule, a unique key taken) undoes only itself and fails the instance visibly,
 * while the decision or timer that got the instance here still stands.
 */
export const actionExecutor: NodeExecutor<'action'> = {
  type: 'action',
  arrive: async (px, node, arrival) => {
    const action = actionExecutors.get(node.action);
    try {
      if (!action.writesRecords) await action.run(px, node as never, arrival);
      else {
        await px.trx.transaction(async (sp) => {
          const inner = { ...px, trx: sp };
          await action.run(inner, node as never, arrival);
          px.record = inner.record;
        });
      }
    } catch (error) {
      const why = error instanceof ProcessFailure ? undefined : reason(error);
      if (why === undefined) throw error;
      throw new ProcessFailure(`action "${node.id}" failed: ${why}`);
    }
    return { next: null };
  },
  configWarning: (node, delivery) => actionExecutors.get(node.action).configWarning?.(delivery),
};
