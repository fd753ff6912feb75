import type { ResolvedPath } from '../conditions/ast';
import { fieldTypes } from '../fields/builtins';
import type { AppModel } from './app-model';

/** At most this many lookups may be followed in one path (account.owner.manager.name is three). */
const MAX_PATH_HOPS = 3;

/** The result of resolving a dot path: the path, or why it does not resolve (codes of the issue catalogue). */
export type PathResolution =
  | { readonly ok: true; readonly path: ResolvedPath }
  | { readonly ok: false; readonly code: 'condition.field' | 'condition.path' | 'condition.limit'; readonly params: Record<string, unknown> };

/** Resolves "account.owner.name" against an entity, following lookup, masterDetail and user fields. */
export function resolvePath(app: AppModel, entity: string, text: string, maxHops = MAX_PATH_HOPS): PathResolution {
  const parts = text.split('.');
  if (parts.length - 1 > maxHops) return { ok: false, code: 'condition.limit', params: { limit: maxHops, what: 'lookups in a path' } };
  const via: ResolvedPath['via'][number][] = [];
  let current = app.entities[entity];
  for (const [i, part] of parts.entries()) {
    if (!current) return { ok: false, code: 'condition.field', params: { entity, name: part, known: [] } };
    const field = Object.hasOwn(current.fields, part) ? current.fields[part] : undefined;
    if (!field) return { ok: false, code: 'condition.field', params: { entity: current.name, name: part, known: current.fieldNames } };
    if (i === parts.length - 1) return { ok: true, path: { text, via, field } };
    const target = fieldTypes.get(field.type).target?.(field.definition as never);
    if (!target) return { ok: false, code: 'condition.path', params: { name: part, type: field.type } };
    via.push(field);
    current = app.entities[target];
  }
  /* istanbul ignore next: split() always yields at least one part */
  throw new Error('unreachable');
}
