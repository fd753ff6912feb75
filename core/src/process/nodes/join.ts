import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** Waits for every incoming branch, then goes on. */
export const joinNode: NodeType<'join'> = { name: 'join', schemaId: nodeSchemaId('join'), outcomes: () => [], next: { min: 0, max: 1 } };
