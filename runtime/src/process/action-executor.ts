import type { ActionName } from '@tessera/core';
import type { ActionNode } from '@tessera/metadata';
import type { DeliveryConfig } from '../notifications';
import type { Arrival, ProcessTx } from './model';

/** An action's behaviour in the runtime; its definition (schema, checks) is core's action type of the same name. */
export interface ActionExecutor<A extends ActionName = ActionName> {
  readonly action: A;
  /**
   * Whether it writes records (validated writes a rule or a key may refuse): such an action runs in a savepoint, so
   * that its failure undoes only itself. Actions that only queue messages cannot fail in the database.
   */
  readonly writesRecords: boolean;
  /** Does the action in the instance's transaction (its writes, messages and history commit or roll back with it). */
  run(px: ProcessTx, node: Extract<ActionNode, { action: A }>, arrival: Arrival): Promise<void>;
  /** What the server's configuration lacks for the action to work (logged once at start), if anything. */
  configWarning?(delivery: DeliveryConfig): string | undefined;
}
