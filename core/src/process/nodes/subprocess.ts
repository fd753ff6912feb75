import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** Runs another process on the same record. */
export const subprocessNode: NodeType<'subprocess'> = {
  name: 'subprocess',
  schemaId: nodeSchemaId('subprocess'),
  outcomes: () => [],
  next: { min: 0, max: 1 },
  check: (node, ctx) =>
    Object.hasOwn(ctx.app.processes, node.process) && node.process !== ctx.process.name
      ? []
      : [{ code: 'ref.process', path: '/process', params: { name: node.process, known: Object.keys(ctx.app.processes).filter((p) => p !== ctx.process.name) }, found: node.process }],
};
