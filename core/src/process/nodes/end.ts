import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** Where an instance finishes. */
export const endNode: NodeType<'end'> = { name: 'end', schemaId: nodeSchemaId('end'), outcomes: () => [], next: { min: 0, max: 0 } };
