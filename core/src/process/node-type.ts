import type { ProcessDefinition, ProcessNode } from '@tessera/metadata';
import type { LocalIssue } from '../errors/issue';
import type { AppModel, EntityModel } from '../model/app-model';

/** The name of a process node type, from the metadata schema's union. */
export type NodeTypeName = ProcessNode['type'];

/** What a node's semantic check needs. */
export interface ProcessCheckContext {
  readonly app: AppModel;
  readonly process: ProcessDefinition;
  /** The entity the process runs on (checks run only when it exists). */
  readonly entity: EntityModel;
}

/**
 * A process node type: its config schema, its outcomes (the designer draws them as handles; edges name them in
 * "on") and how many unnamed "next" edges it takes. The runtime pairs each with an executor.
 */
export interface NodeType<N extends NodeTypeName = NodeTypeName> {
  readonly name: N;
  readonly schemaId: string;
  /** Named outcomes: each needs exactly one edge with that "on". */
  outcomes(node: Extract<ProcessNode, { type: N }>): readonly string[];
  /** Where instances begin: a process has at most one such node (an implicit one named "start" when none is declared). */
  readonly entry?: boolean;
  /** How many edges without "on" leave the node; a node with none finishes the instance there. */
  readonly next: { readonly min: number; readonly max: number };
  /** Checks beyond the schema: fields, roles, templates and processes the node names. */
  check?(node: Extract<ProcessNode, { type: N }>, ctx: ProcessCheckContext): LocalIssue[];
}
