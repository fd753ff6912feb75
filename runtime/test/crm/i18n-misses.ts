import type { AppModel, EntityModel } from '@tessera/core';
import type { I18N } from '@tessera/metadata';

/** The languages every text the CRM ships must exist in. */
export const REQUIRED_LOCALES = ['en', 'zh-CN'] as const;

type Text = I18N | undefined;

/** Collects misses: a text that must exist, or one that may be left out but, when given, must be in every language. */
class Misses {
  readonly list: string[] = [];

  required(where: string, text: Text): void {
    const missing = REQUIRED_LOCALES.filter((l) => typeof text?.[l] !== 'string' || text[l].trim() === '');
    if (missing.length) this.list.push(`${where}: no ${missing.join(', ')}`);
  }

  optional(where: string, text: Text): void {
    if (text !== undefined) this.required(where, text);
  }
}

/**
 * Every label, plural label, option label, rule message, process, node and role label, layout section, dashboard and
 * chart label, plugin label and template of an app (Tessera's own entities left out) that lacks English or Simplified
 * Chinese, one line each, naming where it is.
 */
export function i18nMisses(app: AppModel): string[] {
  const m = new Misses();
  for (const layer of app.layers.filter((l) => l.kind === 'plugin')) m.required(`plugin ${layer.name} label`, layer.label);
  for (const entity of Object.values(app.entities).filter((e) => !e.system)) entityMisses(m, entity);
  for (const role of Object.values(app.roles)) {
    m.required(`role ${role.name} label`, role.label);
    m.optional(`role ${role.name} description`, role.description);
  }
  for (const process of Object.values(app.processes)) {
    const at = `process ${process.name}`;
    m.required(`${at} label`, process.label);
    m.optional(`${at} description`, process.description);
    for (const node of process.nodes) m.required(`${at} node ${node.id} label`, node.label);
    for (const edge of process.edges) m.optional(`${at} edge ${edge.from}->${edge.to} label`, edge.label);
  }
  for (const layout of Object.values(app.layouts)) {
    const at = `layout ${layout.name}`;
    m.optional(`${at} label`, layout.label);
    for (const section of layout.sections) m.required(`${at} section ${section.name} label`, section.label);
    for (const tab of layout.tabs ?? []) {
      m.required(`${at} tab ${tab.name} label`, tab.label);
      for (const section of tab.sections) m.required(`${at} tab ${tab.name} section ${section.name} label`, section.label);
    }
    for (const related of layout.relatedLists ?? []) m.optional(`${at} related list ${related.entity}.${related.field} label`, related.label);
  }
  for (const dashboard of Object.values(app.dashboards)) {
    const at = `dashboard ${dashboard.name}`;
    m.required(`${at} label`, dashboard.label);
    m.optional(`${at} description`, dashboard.description);
    for (const chart of dashboard.charts) m.required(`${at} chart ${chart.name} label`, chart.label);
  }
  for (const template of Object.values(app.templates)) {
    const locales = Object.keys(template.sources).map((k) => (k === 'default' ? 'en' : k));
    const missing = REQUIRED_LOCALES.filter((l) => !locales.includes(l));
    if (missing.length) m.list.push(`template ${template.name} (${template.file}): no ${missing.join(', ')} variant`);
  }
  return m.list;
}

function entityMisses(m: Misses, entity: EntityModel): void {
  const at = `entity ${entity.name}`;
  m.required(`${at} label`, entity.label);
  // The model falls back to the label when a definition gives no plural label: the very same object means it was left out.
  m.required(`${at} pluralLabel`, entity.pluralLabel === entity.label ? undefined : entity.pluralLabel);
  m.optional(`${at} description`, entity.description);
  for (const field of Object.values(entity.fields).filter((f) => !f.system)) {
    const def = field.definition as { label?: I18N; help?: I18N; description?: I18N; options?: Array<string | { value: string; label?: I18N }> };
    m.required(`${at} field ${field.name} label`, def.label);
    m.optional(`${at} field ${field.name} help`, def.help);
    m.optional(`${at} field ${field.name} description`, def.description);
    for (const option of def.options ?? []) {
      const value = typeof option === 'string' ? option : option.value;
      m.required(`${at} field ${field.name} option ${value} label`, typeof option === 'string' ? undefined : option.label);
    }
  }
  for (const rule of entity.rules) m.required(`${at} rule ${rule.name} message`, rule.message);
  for (const rule of entity.duplicateRules) {
    m.required(`${at} duplicate rule ${rule.name} label`, rule.label);
    m.required(`${at} duplicate rule ${rule.name} message`, rule.message);
  }
}
