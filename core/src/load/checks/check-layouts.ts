import type { LayoutDefinition } from '@tessera/metadata';
import { parseCondition } from '../../conditions/parse';
import type { LocalIssue } from '../../errors/issue';
import { fieldTypes } from '../../fields/builtins';
import type { EntityModel } from '../../model/app-model';
import { resolvePath } from '../../model/paths';
import { fieldsExist } from './check-entities';
import { report, unknownEntity, type CheckContext } from './context';

/** Layouts name real fields, and related lists name a lookup that points back to the layout's entity. */
export function checkLayouts(ctx: CheckContext): void {
  for (const draft of ctx.merged.layouts.values()) {
    const layout = draft.value;
    const entity = ctx.app.entities[layout.entity];
    if (!entity) {
      report(ctx, draft, '', [unknownEntity(ctx.app, layout.entity, '/entity')]);
      continue;
    }
    const local: LocalIssue[] = [...fieldsExist(entity, layout.listColumns ?? [], '/listColumns'), ...sections(entity, layout.sections, '/sections')];
    (layout.tabs ?? []).forEach((tab, i) => local.push(...sections(entity, tab.sections, `/tabs/${i}/sections`)));
    (layout.relatedLists ?? []).forEach((related, i) => local.push(...relatedList(ctx, entity, related, `/relatedLists/${i}`)));
    report(ctx, draft, '', local);
  }
}

const sections = (entity: EntityModel, list: LayoutDefinition['sections'], path: string): LocalIssue[] =>
  list.flatMap((s, i) => fieldsExist(entity, s.fields, `${path}/${i}/fields`));

function relatedList(ctx: CheckContext, entity: EntityModel, related: NonNullable<LayoutDefinition['relatedLists']>[number], path: string): LocalIssue[] {
  const other = ctx.app.entities[related.entity];
  if (!other) return [unknownEntity(ctx.app, related.entity, `${path}/entity`)];
  const field = other.fields[related.field];
  if (!field) return fieldsExist(other, [related.field], `${path}/field`).map((i) => ({ ...i, path: `${path}/field` }));
  if (fieldTypes.get(field.type).target?.(field.definition as never) !== entity.name) {
    return [{ code: 'ref.fieldType', path: `${path}/field`, params: { name: field.name, type: field.type, wanted: `a lookup from ${other.name} to ${entity.name}`, wantedZh: `从 ${other.name} 指向 ${entity.name} 的查找字段` }, found: related.field }];
  }
  return fieldsExist(other, related.columns ?? [], `${path}/columns`);
}

/** Charts group by and measure real fields of the right kinds, and their filters parse. */
export function checkDashboards(ctx: CheckContext): void {
  for (const draft of ctx.merged.dashboards.values()) {
    const local: LocalIssue[] = [];
    draft.value.charts.forEach((chart, i) => {
      const at = `/charts/${i}`;
      const entity = ctx.app.entities[chart.entity];
      if (!entity) return void local.push(unknownEntity(ctx.app, chart.entity, `${at}/entity`));
      const kindOf = (text: string, path: string): string | undefined => {
        const resolved = resolvePath(ctx.app, entity.name, text);
        if (!resolved.ok) return void local.push({ code: 'ref.field', path, params: { entity: entity.name, name: text, known: entity.fieldNames }, found: text });
        const f = resolved.path.field;
        return fieldTypes.get(f.type).valueKind(f.definition as never);
      };
      (chart.groupBy ?? []).forEach((group, j) => {
        const [text = '', part] = group.split(':');
        const kind = kindOf(text, `${at}/groupBy/${j}`);
        if (part && kind && kind !== 'date' && kind !== 'datetime') {
          local.push({ code: 'ref.fieldType', path: `${at}/groupBy/${j}`, params: { name: text, type: kind, wanted: `a date or datetime field for :${part}`, wantedZh: `:${part} 需要日期或日期时间字段` }, found: group });
        }
      });
      chart.measures.forEach((measure, j) => {
        const [fn, text] = measure.split(':');
        if (!text) return;
        const kind = kindOf(text, `${at}/measures/${j}`);
        if (kind && (fn === 'sum' || fn === 'avg') && kind !== 'number') {
          local.push({ code: 'ref.fieldType', path: `${at}/measures/${j}`, params: { name: text, type: kind, wanted: `a number field for ${fn}`, wantedZh: `${fn} 需要数值字段` }, found: measure });
        }
      });
      if (chart.filter) {
        const parsed = parseCondition(ctx.app, entity.name, chart.filter);
        if (!parsed.ok) local.push(...parsed.issues.map((p) => ({ ...p, path: `${at}/filter${p.path}` })));
      }
    });
    report(ctx, draft, '', local);
  }
}
