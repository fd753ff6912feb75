import type { FieldDefinition } from '@tessera/metadata';
import { parseCondition } from '../conditions/parse';
import { conditionPaths } from '../conditions/paths';
import { fieldTypes } from '../fields/builtins';
import type { AppModel, EntityModel, FieldModel } from '../model/app-model';
import { contentHash } from '../model/freeze';
import type { Permissions } from './permissions';

/**
 * The AppModel as a set of roles may see it: only the entities they may read, each with only the fields they may
 * read. A computed field whose inputs include a hidden field is hidden too (its value would reveal them); fields they
 * may neither create nor update are read-only; rules and indexes over hidden fields are left out. Query parsing, the
 * per-user /api/meta and the form schema all read this model, so a hidden field is unknown to every one of them.
 */
export function readableModel(permissions: Permissions): AppModel {
  const { app } = permissions;
  if (permissions.admin) return app;
  const shown = new Map<string, Set<string>>();
  for (const name of Object.keys(app.entities)) {
    const access = permissions.access('read', name);
    if (access.allowed) shown.set(name, new Set(access.fields));
  }
  hideComputedFromHidden(app, shown);
  const entities: Record<string, EntityModel> = {};
  for (const [name, fields] of shown) entities[name] = entityView(permissions, app.entities[name]!, fields);
  // Its own hash: clients caching the model must see a change when their roles change.
  return { ...app, hash: contentHash([app.hash, permissions.roles]), entities };
}

/** Drops computed fields that read a hidden field (on their entity or through a lookup), until nothing changes. */
function hideComputedFromHidden(app: AppModel, shown: Map<string, Set<string>>): void {
  const visible = (f: FieldModel) => shown.get(f.entity)?.has(f.name) ?? false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, fields] of shown) {
      for (const fieldName of fields) {
        const field = app.entities[name]!.fields[fieldName]!;
        const inputs = fieldTypes.get(field.type).readsFrom?.(field.definition as never, field, app) ?? [];
        if (inputs.every(visible)) continue;
        fields.delete(fieldName);
        changed = true;
      }
    }
  }
}

function entityView(permissions: Permissions, entity: EntityModel, shown: ReadonlySet<string>): EntityModel {
  const create = permissions.access('create', entity.name);
  const update = permissions.access('update', entity.name);
  const writable = (name: string) => (create.allowed && create.fields.has(name)) || (update.allowed && update.fields.has(name));
  const fieldNames = entity.fieldNames.filter((n) => shown.has(n));
  const fields: Record<string, FieldModel> = {};
  for (const name of fieldNames) {
    const field = entity.fields[name]!;
    fields[name] = writable(name) ? field : { ...field, definition: { ...field.definition, readOnly: true } as FieldDefinition };
  }
  const reads = (names: readonly string[]) => names.every((n) => shown.has(n));
  return {
    ...entity, fields, fieldNames,
    titleField: shown.has(entity.titleField) ? entity.titleField : 'id',
    indexes: entity.indexes.filter((i) => reads(i.fields)),
    rules: entity.rules.filter((r) => (!r.field || shown.has(r.field)) && ruleReadsOnly(permissions, entity, r.when)),
    duplicateRules: entity.duplicateRules.filter((r) => reads(r.fields.map((f) => f.field))),
  };
}

/** Whether every path a rule's condition tests ends on, and passes through, fields the roles may read. */
function ruleReadsOnly(permissions: Permissions, entity: EntityModel, when: unknown): boolean {
  const parsed = parseCondition(permissions.app, entity.name, when);
  if (!parsed.ok) return false;
  const readable = (f: FieldModel) => permissions.access('read', f.entity).fields.has(f.name);
  return conditionPaths(parsed.ast).every((p) => [...p.via, p.field].every(readable));
}
