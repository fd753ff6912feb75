import type {
  DashboardDefinition, EntityDefinition, FieldDefinition, I18N, LayoutDefinition, ProcessDefinition, RoleDefinition,
} from '@tessera/metadata';
import { fieldTypes } from '../fields/builtins';
import { humanize } from '../i18n';
import type { AppModel, EntityModel, FieldModel, LayerInfo, TemplateModel } from './app-model';
import { contentHash, deepFreeze } from './freeze';
import { snakeCase } from './naming';
import { SYSTEM_ENTITIES, systemFields } from './system-entities';

/** An entity as merged from its layers, before it becomes an EntityModel. */
export interface MergedEntity {
  readonly definition: EntityDefinition;
  /** The layer that defined the entity. */
  readonly origin: string;
  /** The layer that defined each field, when it is not the entity's origin (fields added by extends). */
  readonly fieldOrigins?: Readonly<Record<string, string>>;
  readonly extendedBy?: readonly string[];
}

/** Everything an AppModel is made of, already validated and merged. */
export interface AppModelInput {
  readonly name: string;
  readonly label?: I18N;
  readonly version?: string;
  readonly locales?: readonly string[];
  readonly defaultLocale?: string;
  readonly firstStart?: AppModel['firstStart'];
  readonly layers?: readonly LayerInfo[];
  readonly entities: readonly MergedEntity[];
  readonly roles?: readonly RoleDefinition[];
  readonly processes?: readonly ProcessDefinition[];
  readonly layouts?: readonly LayoutDefinition[];
  readonly dashboards?: readonly DashboardDefinition[];
  readonly templates?: readonly TemplateModel[];
}

/** Builds the immutable AppModel: adds system entities and fields, derives SQL names, hashes and freezes it. */
export function createAppModel(input: AppModelInput): AppModel {
  const system = SYSTEM_ENTITIES.map((definition): MergedEntity => ({ definition, origin: 'system' }));
  const entities = Object.fromEntries([...system, ...input.entities].map((e) => [e.definition.name, entityModel(e, e.origin === 'system')]));
  const byName = <T extends { name: string }>(items: readonly T[] = []) => Object.fromEntries(items.map((i) => [i.name, i]));
  const content = {
    name: input.name,
    label: input.label ?? { en: humanize(input.name) },
    ...(input.version === undefined ? {} : { version: input.version }),
    locales: input.locales ?? ['en', 'zh-CN'],
    defaultLocale: input.defaultLocale ?? 'en',
    ...(input.firstStart === undefined ? {} : { firstStart: input.firstStart }),
    layers: input.layers ?? [],
    entities,
    roles: byName(input.roles),
    processes: byName(input.processes),
    layouts: byName(input.layouts),
    dashboards: byName(input.dashboards),
    templates: byName(input.templates),
  };
  return deepFreeze({ ...content, hash: contentHash(content) });
}

function entityModel(merged: MergedEntity, system: boolean): EntityModel {
  const d = merged.definition;
  const field = (name: string, definition: FieldDefinition, isSystem: boolean): FieldModel => ({
    name,
    entity: d.name,
    column: snakeCase(name),
    type: definition.type,
    definition,
    label: definition.label ?? { en: humanize(name) },
    required: definition.required === true || fieldTypes.get(definition.type).column(definition as never)?.notNull === true,
    system: isSystem,
    origin: isSystem ? 'system' : (merged.fieldOrigins?.[name] ?? merged.origin),
  });
  const sys = Object.entries(systemFields(d.name))
    .filter(([name]) => name !== 'ownerId' || (d.ownership ?? 'user') === 'user')
    .map(([name, def]) => field(name, def, true));
  const own = Object.entries(d.fields).map(([name, def]) => field(name, def, false));
  const fields = [...sys, ...own];
  const indexes = [
    ...(d.indexes ?? []).map((i) => ({ fields: i.fields, unique: i.unique === true, ...(i.name ? { name: i.name } : {}) })),
    ...(d.unique ?? []).map((fieldsOf) => ({ fields: fieldsOf, unique: true })),
  ];
  return {
    name: d.name,
    table: snakeCase(d.name),
    label: d.label,
    pluralLabel: d.pluralLabel ?? d.label,
    ...(d.description ? { description: d.description } : {}),
    ...(d.icon ? { icon: d.icon } : {}),
    titleField: d.titleField ?? (d.fields.name ? 'name' : 'id'),
    ownership: d.ownership ?? 'user',
    ...(d.renamedFrom ? { renamedFrom: d.renamedFrom } : {}),
    fields: Object.fromEntries(fields.map((f) => [f.name, f])),
    fieldNames: fields.map((f) => f.name),
    indexes,
    rules: d.rules ?? [],
    duplicateRules: d.duplicateRules ?? [],
    documents: d.documents ?? [],
    origin: merged.origin,
    extendedBy: merged.extendedBy ?? [],
    system,
  };
}
