import { keyBytes, matchColumn, matchIssue, MAX_KEY_BYTES } from '../../duplicates/matchable';
import type { LocalIssue } from '../../errors/issue';
import { locate } from '../source-map';
import { report, unknownField, type CheckContext } from './context';

/**
 * Duplicate rules: names distinct within the entity, each field known, named once and of a type the rule can compare
 * that way, and all of them together small enough for the index that serves the rule.
 */
export function checkDuplicateRules(ctx: CheckContext): void {
  for (const [name, draft] of ctx.merged.entities) {
    const entity = ctx.app.entities[name]!;
    const local: LocalIssue[] = [];
    const first = new Map<string, number>();
    (draft.value.duplicateRules ?? []).forEach((rule, i) => {
      const at = `/duplicateRules/${i}`;
      const earlier = first.get(rule.name);
      if (earlier === undefined) first.set(rule.name, i);
      else {
        const other = locate(draft.map, `/duplicateRules/${earlier}`).file;
        local.push({ code: 'name.duplicate', path: `${at}/name`, params: { kind: 'duplicate rule', name: rule.name, other }, found: rule.name });
      }
      const seen = new Set<string>();
      let bytes = 0;
      rule.fields.forEach(({ field, match }, j) => {
        const path = `${at}/fields/${j}/field`;
        const model = Object.hasOwn(entity.fields, field) ? entity.fields[field]! : undefined;
        if (!model) return void local.push(unknownField(entity, field, path));
        if (seen.has(field)) local.push({ code: 'duplicateRule.fieldTwice', path, params: { field, name: rule.name }, found: field });
        seen.add(field);
        const problem = matchIssue(model, match, path);
        if (problem) return void local.push(problem);
        bytes += keyBytes(matchColumn(model)!);
      });
      if (bytes > MAX_KEY_BYTES) local.push({ code: 'duplicateRule.tooWide', path: `${at}/fields`, params: { name: rule.name, bytes, max: MAX_KEY_BYTES } });
    });
    report(ctx, draft, '', local);
  }
}
