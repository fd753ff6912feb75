import type { NodeTypeName } from '@tessera/core';
import type { ProcessNode } from '@tessera/metadata';
import type { DeliveryConfig } from '../notifications';
import type { Arrival, NodeResult, ProcessTx } from './model';

/** A node type's behaviour in the runtime; its definition (schema, outcomes, checks) is core's node type of the same name. */
export interface NodeExecutor<N extends NodeTypeName = NodeTypeName> {
  readonly type: N;
  /** A token arrives at the node: do the node's work and say where the token goes. */
  arrive(px: ProcessTx, node: Extract<ProcessNode, { type: N }>, arrival: Arrival): Promise<NodeResult>;
  /**
   * For nodes that gather branches (join): whether the tokens waiting at the node may go on, given the nodes where
   * the instance's other tokens wait. Asked whenever the instance has nothing else left to do.
   */
  settle?(px: ProcessTx, node: Extract<ProcessNode, { type: N }>, elsewhere: readonly string[]): boolean;
  /** What the server's configuration lacks for the node to work (logged once at start), if anything. */
  configWarning?(node: Extract<ProcessNode, { type: N }>, delivery: DeliveryConfig): string | undefined;
}
