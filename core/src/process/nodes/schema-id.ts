import { SCHEMA_BASE } from '@tessera/metadata';

/** The $id of a node type's config schema. */
export const nodeSchemaId = (name: string): string => `${SCHEMA_BASE}process-nodes/${name}.schema.json`;
