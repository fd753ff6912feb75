import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** Where an instance begins; implicit (id "start") when a process declares none. */
export const startNode: NodeType<'start'> = { name: 'start', schemaId: nodeSchemaId('start'), entry: true, outcomes: () => [], next: { min: 1, max: 1 } };
