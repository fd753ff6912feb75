import { issue, type Issue } from '../errors/issue';
import type { CoerceResult, FieldCheckContext } from './field-type';
import { isUuid } from './kinds/reference';

/** A record id from text: a UUID, lower-cased (resolving names to ids is the importer's job). */
export function coerceUuid(raw: string): CoerceResult {
  const text = raw.trim();
  return isUuid(text) ? { ok: true, value: text.toLowerCase() } : { ok: false, expected: 'a record id (UUID)' };
}

/** A 'ref.entity' issue when a reference field's target entity does not exist. */
export function targetIssues(target: string, ctx: FieldCheckContext): Issue[] {
  if (Object.hasOwn(ctx.app.entities, target)) return [];
  const at = { file: ctx.at.file, path: `${ctx.at.path}/target` };
  return [issue('ref.entity', at, { name: target, known: Object.keys(ctx.app.entities) }, target)];
}
