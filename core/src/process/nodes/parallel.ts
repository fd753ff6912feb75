import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** Starts every outgoing branch at once. */
export const parallelNode: NodeType<'parallel'> = { name: 'parallel', schemaId: nodeSchemaId('parallel'), outcomes: () => [], next: { min: 2, max: Infinity } };
