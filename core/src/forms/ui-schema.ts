import type { LayoutDefinition, LayoutSection } from '@tessera/metadata';
import { fieldTypes } from '../fields/builtins';
import { localize } from '../i18n';
import type { AppModel, EntityModel, FieldModel } from '../model/app-model';
import { isReadOnly } from './field-schema';
import type { JsonSchema } from '../fields/field-type';

/** Definition options a widget needs, passed through as they are. */
const WIDGET_OPTION_KEYS = ['currency', 'scale', 'precision'] as const;

/** The layout a form uses: the one named, else the entity's default layout, else its first, else none. */
export function formLayout(app: AppModel, entity: string, name?: string): LayoutDefinition | undefined {
  if (name !== undefined) {
    const layout = app.layouts[name];
    if (!layout || layout.entity !== entity) throw new Error(`entity "${entity}" has no layout "${name}"`);
    return layout;
  }
  const own = Object.values(app.layouts).filter((l) => l.entity === entity);
  return own.find((l) => l.default === true) ?? own[0];
}

/** The uiSchema rjsf renders an entity's form with: order, widgets, options, read-only flags and the layout itself. */
export function uiSchemaOf(entity: EntityModel, layout: LayoutDefinition | undefined, properties: Record<string, JsonSchema>, locale: string): Record<string, unknown> {
  const sections = layout ? [...layout.sections, ...(layout.tabs ?? []).flatMap((t) => t.sections)] : [];
  const placed = [...new Set(sections.flatMap((s) => s.fields))].filter((f) => Object.hasOwn(entity.fields, f));
  const rest = entity.fieldNames.filter((f) => !placed.includes(f));
  const ownFirst = [...rest.filter((f) => !entity.fields[f]!.system), ...rest.filter((f) => entity.fields[f]!.system)];
  const section = (s: LayoutSection) => ({
    name: s.name, label: localize(s.label, locale, ''), columns: s.columns ?? 1, fields: s.fields.filter((f) => Object.hasOwn(entity.fields, f)),
  });
  const uiLayout = layout
    ? {
      sections: layout.sections.map(section),
      tabs: (layout.tabs ?? []).map((t) => ({ name: t.name, label: localize(t.label, locale, ''), sections: t.sections.map(section) })),
      relatedLists: (layout.relatedLists ?? []).map((r) => ({ ...r, label: localize(r.label, locale, '') })),
    }
    : { sections: [{ name: 'main', label: '', columns: 1, fields: ownFirst.filter((f) => !entity.fields[f]!.system) }], tabs: [], relatedLists: [] };
  const fields = Object.fromEntries(entity.fieldNames.map((name) => [name, fieldUi(entity.fields[name]!, properties[name]!, locale)]));
  return { 'ui:order': [...placed, ...ownFirst, '*'], ...fields, 'ui:layout': uiLayout };
}

function fieldUi(field: FieldModel, schema: JsonSchema, locale: string): Record<string, unknown> {
  const type = fieldTypes.get(field.type);
  const definition = field.definition as unknown as Record<string, unknown>;
  const target = type.target?.(field.definition as never);
  const options = Array.isArray(schema.enum) ? schema.enum : (schema.items as JsonSchema | undefined)?.enum;
  const uiOptions = {
    ...Object.fromEntries(WIDGET_OPTION_KEYS.filter((k) => definition[k] !== undefined).map((k) => [k, definition[k]])),
    ...(target ? { target } : {}),
    ...(Array.isArray(options) ? { enumNames: options.map((v) => type.format(v, field.definition as never, locale)) } : {}),
  };
  return {
    'ui:widget': type.widget,
    ...(isReadOnly(field) ? { 'ui:readonly': true } : {}),
    ...(Object.keys(uiOptions).length ? { 'ui:options': uiOptions } : {}),
  };
}
