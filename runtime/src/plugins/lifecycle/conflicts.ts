import type { AppModel, EntityModel } from '@tessera/core';
import type { CustomizationPatch } from '@tessera/metadata';
import type { CustomizationFile } from './customizations';

type Kind = CustomizationPatch['target']['kind'];

/**
 * A customization touching something an upgrade changed: the value at the patched path was changed or removed by the
 * new version, or the new version now defines what the customization adds. The customization always stays on top; a
 * removed target or path makes the patch fail, and loadApp refuses the upgrade.
 */
export interface Conflict {
  readonly file: string;
  /** The patch operation in the customization file: /patches/0/ops/1. */
  readonly path: string;
  readonly kind: Kind;
  readonly name: string;
  /** The path in the definition the operation touches. */
  readonly at: string;
  readonly change: 'changed' | 'removed' | 'added';
}

/** A definition as the customization layer patches it, by kind: an entity is rebuilt from its model (fields by name). */
const DEFINITIONS: Record<Kind, (app: AppModel, name: string) => unknown> = {
  entity: (app, name) => (Object.hasOwn(app.entities, name) ? entityDefinition(app.entities[name]!) : undefined),
  role: (app, name) => app.roles[name],
  process: (app, name) => app.processes[name],
  layout: (app, name) => app.layouts[name],
  dashboard: (app, name) => app.dashboards[name],
};

/**
 * Compares the plugin layers before and after an upgrade at every path the customizations touch: each patch as it was
 * against the old layers, and as it is after following renames (the same patches, in the same order) against the new.
 * Definitions the plugins never had (added by the app or by a customization) cannot conflict.
 */
export function findConflicts(originals: readonly CustomizationFile[], rebased: readonly CustomizationFile[], before: AppModel, after: AppModel): Conflict[] {
  const conflicts: Conflict[] = [];
  originals.forEach(({ file, doc }, f) => {
    doc.patches.forEach((patch, i) => {
      const moved = rebased[f]!.doc.patches[i]!;
      const old = DEFINITIONS[patch.target.kind](before, patch.target.name);
      if (old === undefined) return;
      const now = DEFINITIONS[moved.target.kind](after, moved.target.name);
      const base = { file, kind: moved.target.kind, name: moved.target.name };
      if (now === undefined) {
        conflicts.push({ ...base, path: `/patches/${i}`, at: '', change: 'removed' });
        return;
      }
      patch.ops.forEach((op, j) => {
        const next = moved.ops[j]!;
        for (const key of ['path', 'from'] as const) {
          if (op[key] === undefined || (key === 'from' && op.from === op.path)) continue;
          const change = compare(valueAt(old, touched(op.op, op[key]!)), valueAt(now, touched(next.op, next[key]!)));
          if (change) conflicts.push({ ...base, path: `/patches/${i}/ops/${j}`, at: touched(next.op, next[key]!), change });
        }
      });
    });
  });
  return conflicts;
}

// An add into a list (by index or "-") depends on the list as a whole.
const touched = (op: string, pointer: string): string => (op === 'add' && /\/(\d+|-)$/.test(pointer) ? pointer.replace(/\/[^/]*$/, '') : pointer);

function compare(old: unknown, now: unknown): Conflict['change'] | undefined {
  if (JSON.stringify(old) === JSON.stringify(now)) return undefined;
  if (now === undefined) return 'removed';
  return old === undefined ? 'added' : 'changed';
}

/** The value at a JSON pointer (RFC 6901), or undefined. */
function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function entityDefinition(entity: EntityModel): unknown {
  const fields = Object.fromEntries(Object.values(entity.fields).filter((f) => !f.system).map((f) => [f.name, f.definition]));
  const { name, label, pluralLabel, description, icon, titleField, ownership, rules, duplicateRules, documents } = entity;
  return JSON.parse(JSON.stringify({ name, label, pluralLabel, description, icon, titleField, ownership, fields, rules, duplicateRules, documents }));
}
