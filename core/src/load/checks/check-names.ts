import { byteLength, MAX_IDENTIFIER_BYTES, snakeCase } from '../../model/naming';
import { isReservedEntityName, RESERVED_FIELD_NAMES, SYSTEM_ENTITIES, SYSTEM_FIELD_NAMES } from '../../model/system-entities';
import { segment } from '../source-map';
import { report, type CheckContext } from './context';
import type { LocalIssue } from '../../errors/issue';

/** Reserved names, identifiers over 63 bytes, and names that collide once turned into SQL snake_case. */
export function checkNames(ctx: CheckContext): void {
  const tables = new Map<string, string>(SYSTEM_ENTITIES.map((e) => [snakeCase(e.name), e.name]));
  for (const [name, draft] of ctx.merged.entities) {
    const local: LocalIssue[] = [];
    const table = snakeCase(name);
    if (isReservedEntityName(name)) local.push({ code: 'name.reserved', path: '/name', params: { name, reserved: ['user', 'team', 'tessera*'] }, found: name });
    else if (tables.has(table)) local.push({ code: 'name.collision', path: '/name', params: { name, other: tables.get(table), sql: table }, found: name });
    if (byteLength(table) > MAX_IDENTIFIER_BYTES) local.push({ code: 'name.tooLong', path: '/name', params: { name, sql: table, bytes: byteLength(table) }, found: name });
    tables.set(table, name);

    const columns = new Map<string, string>(SYSTEM_FIELD_NAMES.map((f) => [snakeCase(f), f]));
    for (const field of Object.keys(draft.value.fields)) {
      const path = `/fields/${segment(field)}`;
      const column = snakeCase(field);
      if (RESERVED_FIELD_NAMES.includes(field)) local.push({ code: 'name.reserved', path, params: { name: field, reserved: RESERVED_FIELD_NAMES }, found: field });
      else if (columns.has(column)) local.push({ code: 'name.collision', path, params: { name: field, other: columns.get(column), sql: column }, found: field });
      if (byteLength(column) > MAX_IDENTIFIER_BYTES) local.push({ code: 'name.tooLong', path, params: { name: field, sql: column, bytes: byteLength(column) }, found: field });
      columns.set(column, field);
    }
    report(ctx, draft, '', local);
  }
}
