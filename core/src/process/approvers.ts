import type { ApproverSource } from '@tessera/metadata';
import type { LocalIssue } from '../errors/issue';
import { fieldTypes } from '../fields/builtins';
import type { ProcessCheckContext } from './node-type';

const KINDS = ['user', 'role', 'team', 'field', 'manager'] as const;

/** Checks approver (or recipient) sources: exactly one kind each, roles that exist, fields that hold a user. */
export function checkApproverSources(sources: ApproverSource | ApproverSource[], ctx: ProcessCheckContext, path: string): LocalIssue[] {
  const list = Array.isArray(sources) ? sources : [sources];
  return list.flatMap((source, i) => {
    const at = Array.isArray(sources) ? `${path}/${i}` : path;
    const kinds = KINDS.filter((k) => source[k] !== undefined);
    const config = (reason: string, reasonZh: string): LocalIssue => ({ code: 'process.config', path: at, params: { node: path.split('/')[0] ?? '', reason, reasonZh } });
    if (kinds.length !== 1) return [config(`an approver source names exactly one of ${KINDS.join(', ')}`, `审批人来源必须且只能指定 ${KINDS.join('、')} 之一`)];
    if (source.levels !== undefined && kinds[0] !== 'manager') return [config('"levels" goes with "manager" only', '"levels" 只能与 "manager" 一起使用')];
    if (source.role !== undefined && !Object.hasOwn(ctx.app.roles, source.role)) {
      return [{ code: 'ref.role', path: `${at}/role`, params: { name: source.role, known: Object.keys(ctx.app.roles) }, found: source.role }];
    }
    if (source.field !== undefined) {
      const field = ctx.entity.fields[source.field];
      if (!field) return [{ code: 'ref.field', path: `${at}/field`, params: { entity: ctx.entity.name, name: source.field, known: ctx.entity.fieldNames }, found: source.field }];
      if (fieldTypes.get(field.type).target?.(field.definition as never) !== 'user') {
        return [{ code: 'ref.fieldType', path: `${at}/field`, params: { name: field.name, type: field.type, wanted: 'a field that holds a user', wantedZh: '值为用户的字段' }, found: source.field }];
      }
    }
    return [];
  });
}
