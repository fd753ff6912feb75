import type {
  DashboardDefinition, EntityDefinition, EntityExtension, LayoutDefinition, LayoutExtension, ProcessDefinition, RoleDefinition, RoleExtension,
} from '@tessera/metadata';
import { issue, type Issue } from '../errors/issue';
import type { TemplateModel } from '../model/app-model';
import type { Layer, SourceDocument } from './documents';
import { segment, type Draft } from './source-map';

/** Every definition of the app, merged across layers, keyed by kind and name. */
export interface Merged {
  readonly entities: Map<string, Draft<EntityDefinition>>;
  readonly roles: Map<string, Draft<RoleDefinition>>;
  readonly processes: Map<string, Draft<ProcessDefinition>>;
  readonly layouts: Map<string, Draft<LayoutDefinition>>;
  readonly dashboards: Map<string, Draft<DashboardDefinition>>;
  readonly templates: Map<string, TemplateModel & { readonly layer: string }>;
}

/** The kinds a customization patch can target, and where their drafts live. */
export const DRAFT_KINDS = { entity: 'entities', role: 'roles', process: 'processes', layout: 'layouts', dashboard: 'dashboards' } as const;

/** Copies parsed metadata (plain JSON) with this realm's prototypes, which structuredClone does not keep under a VM (jest). */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const draft = <T>(doc: SourceDocument): Draft<T> => ({ value: clone(doc.data) as T, origin: doc.layer, map: [{ prefix: '', file: doc.file, path: '' }], extendedBy: [], fieldOrigins: {} });

/** Merges layers bottom-up: definitions first in each layer, then its extensions; a name defined twice is an error. */
export function mergeLayers(layers: readonly Layer[], issues: Issue[]): Merged {
  const merged: Merged = { entities: new Map(), roles: new Map(), processes: new Map(), layouts: new Map(), dashboards: new Map(), templates: new Map() };
  for (const layer of layers) {
    for (const doc of layer.documents) {
      const target = definitionKind(doc.kind);
      if (!target) continue;
      const map = merged[target] as Map<string, Draft<unknown>>;
      const name = (doc.data as { name: string }).name;
      const other = map.get(name);
      if (other) issues.push(issue('name.duplicate', { file: doc.file, path: '/name' }, { kind: doc.kind, name, other: other.map[0]!.file }, name));
      else map.set(name, draft(doc));
    }
    for (const doc of layer.documents) {
      if (doc.kind === 'entityExtension') extendEntity(merged, doc as SourceDocument<EntityExtension>, issues);
      if (doc.kind === 'layoutExtension') extendLayout(merged, doc as SourceDocument<LayoutExtension>, issues);
      if (doc.kind === 'roleExtension') extendRole(merged, doc as SourceDocument<RoleExtension>, issues);
    }
    for (const t of layer.templates) {
      const current = merged.templates.get(t.name);
      const sources = { ...(current?.layer === t.layer ? current.sources : {}), [t.locale || 'default']: t.source };
      merged.templates.set(t.name, { name: t.name, file: current?.layer === t.layer ? current.file : t.file, sources, layer: t.layer });
    }
  }
  return merged;
}

function definitionKind(kind: SourceDocument['kind']): keyof Omit<Merged, 'templates'> | undefined {
  return (Object.entries(DRAFT_KINDS) as [string, keyof Omit<Merged, 'templates'>][]).find(([k]) => k === kind)?.[1];
}

function extendEntity(merged: Merged, doc: SourceDocument<EntityExtension>, issues: Issue[]): void {
  const ext = doc.data;
  const target = merged.entities.get(ext.extends);
  if (!target) {
    issues.push(issue('extends.unknown', { file: doc.file, path: '/extends' }, { kind: 'entity', name: ext.extends, known: [...merged.entities.keys()] }, ext.extends));
    return;
  }
  const entity = target.value;
  target.extendedBy.push(doc.layer);
  for (const [name, field] of Object.entries(ext.fields ?? {})) {
    if (Object.hasOwn(entity.fields, name)) {
      const owner = target.fieldOrigins[name] ?? target.origin;
      issues.push(issue('extends.redefine', { file: doc.file, path: `/fields/${segment(name)}` }, { field: name, entity: entity.name, owner }, name));
      continue;
    }
    entity.fields[name] = clone(field);
    target.fieldOrigins[name] = doc.layer;
    target.map.push({ prefix: `/fields/${segment(name)}`, file: doc.file, path: `/fields/${segment(name)}` });
  }
  for (const [name, options] of Object.entries(ext.addOptions ?? {})) {
    const field = Object.hasOwn(entity.fields, name) ? (entity.fields[name] as { options?: unknown[]; type: string }) : undefined;
    const at = { file: doc.file, path: `/addOptions/${segment(name)}` };
    if (!field) issues.push(issue('ref.field', at, { entity: entity.name, name, known: Object.keys(entity.fields) }, name));
    else if (!Array.isArray(field.options)) issues.push(issue('extends.notPicklist', at, { field: name, type: field.type }));
    else {
      const start = field.options.length;
      field.options.push(...clone(options));
      target.map.push(...options.map((_o, i) => ({ prefix: `/fields/${segment(name)}/options/${start + i}`, file: doc.file, path: `${at.path}/${i}` })));
    }
  }
  for (const key of ['rules', 'indexes', 'unique', 'duplicateRules', 'documents'] as const) appendList(target, key, ext[key], doc.file);
}

function extendLayout(merged: Merged, doc: SourceDocument<LayoutExtension>, issues: Issue[]): void {
  const ext = doc.data;
  const target = merged.layouts.get(ext.extends);
  if (!target) {
    issues.push(issue('extends.unknown', { file: doc.file, path: '/extends' }, { kind: 'layout', name: ext.extends, known: [...merged.layouts.keys()] }, ext.extends));
    return;
  }
  target.extendedBy.push(doc.layer);
  appendList(target, 'sections', ext.sections, doc.file);
  appendList(target, 'relatedLists', ext.relatedLists, doc.file);
  for (const [name, fields] of Object.entries(ext.fields ?? {})) {
    const index = target.value.sections.findIndex((s) => s.name === name);
    const section = target.value.sections[index];
    if (!section) {
      issues.push(issue('extends.unknown', { file: doc.file, path: `/fields/${segment(name)}` }, { kind: 'section', name, known: target.value.sections.map((s) => s.name) }, name));
      continue;
    }
    const start = section.fields.length;
    section.fields.push(...fields);
    target.map.push(...fields.map((_f, i) => ({ prefix: `/sections/${index}/fields/${start + i}`, file: doc.file, path: `/fields/${segment(name)}/${i}` })));
  }
}

/** Adds a role extension's permissions and inherited roles to the role (a plugin granting the CRM's roles its entities). */
function extendRole(merged: Merged, doc: SourceDocument<RoleExtension>, issues: Issue[]): void {
  const ext = doc.data;
  const target = merged.roles.get(ext.extends);
  if (!target) {
    issues.push(issue('extends.unknown', { file: doc.file, path: '/extends' }, { kind: 'role', name: ext.extends, known: [...merged.roles.keys()] }, ext.extends));
    return;
  }
  target.extendedBy.push(doc.layer);
  appendList(target, 'permissions', ext.permissions, doc.file);
  appendList(target, 'inherits', ext.inherits, doc.file);
}

/** Appends an extension's list items to a draft's list, mapping each new item back to the extension file. */
function appendList<T extends object>(target: Draft<T>, key: string, items: readonly unknown[] | undefined, file: string): void {
  if (!items?.length) return;
  const value = target.value as Record<string, unknown[]>;
  const list = (value[key] ??= []);
  const start = list.length;
  list.push(...clone(items));
  target.map.push(...items.map((_item, i) => ({ prefix: `/${key}/${start + i}`, file, path: `/${key}/${i}` })));
}
