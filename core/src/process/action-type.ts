import type { ActionNode } from '@tessera/metadata';
import type { LocalIssue } from '../errors/issue';
import type { ProcessCheckContext } from './node-type';

/** The name of a process action, from the metadata schema's union. */
export type ActionName = ActionNode['action'];

/** A process action: its config schema and its checks; the runtime pairs each with an executor. */
export interface ActionType<A extends ActionName = ActionName> {
  readonly name: A;
  readonly schemaId: string;
  check?(node: Extract<ActionNode, { action: A }>, ctx: ProcessCheckContext): LocalIssue[];
}
