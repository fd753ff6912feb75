import type { NodeType } from '../node-type';
import { nodeSchemaId } from './schema-id';

/** Pauses for a duration or until a date field of the record. */
export const waitNode: NodeType<'wait'> = {
  name: 'wait',
  schemaId: nodeSchemaId('wait'),
  outcomes: () => [],
  next: { min: 0, max: 1 },
  check: (node, ctx) => {
    if ((node.for === undefined) === (node.until === undefined)) {
      return [{ code: 'process.config', path: '', params: { node: node.id, reason: 'a wait needs exactly one of "for" (a duration) or "until" (a date field)', reasonZh: '等待节点需要且只需要 "for"（时长）或 "until"（日期字段）之一' } }];
    }
    const field = node.until === undefined ? undefined : ctx.entity.fields[node.until];
    if (node.until !== undefined && !field) return [{ code: 'ref.field', path: '/until', params: { entity: ctx.entity.name, name: node.until, known: ctx.entity.fieldNames }, found: node.until }];
    return [];
  },
};
