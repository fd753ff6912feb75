import type { LayoutDefinition } from '@tessera/metadata';
import type { LocalIssue } from '../../errors/issue';
import { fieldTypes } from '../../fields/builtins';
import type { EntityModel } from '../../model/app-model';
import { chartParams } from '../../query/chart-params';
import { parseAggregateQuery } from '../../query/parse-aggregate-query';
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

/**
 * Each chart's query is one the aggregate API answers: parsed by parseAggregateQuery against the whole model, so a
 * dashboard loads exactly when its charts' requests parse (an admin's view; other roles may see fewer fields).
 */
export function checkDashboards(ctx: CheckContext): void {
  for (const draft of ctx.merged.dashboards.values()) {
    const local: LocalIssue[] = [];
    draft.value.charts.forEach((chart, i) => {
      const at = `/charts/${i}`;
      if (!ctx.app.entities[chart.entity]) return void local.push(unknownEntity(ctx.app, chart.entity, `${at}/entity`));
      const parsed = parseAggregateQuery(ctx.app, chart.entity, chartParams(chart));
      if (!parsed.ok) local.push(...parsed.issues.map((p) => ({ ...p, path: p.path.replace(/^\/query/, at) })));
    });
    report(ctx, draft, '', local);
  }
}
