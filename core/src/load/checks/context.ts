import type { Issue, LocalIssue } from '../../errors/issue';
import { issue } from '../../errors/issue';
import type { AppModel } from '../../model/app-model';
import type { Merged } from '../merge-layers';
import { locate, type Draft } from '../source-map';

/** What every semantic check gets: the provisional model, the drafts it came from, and where to put issues. */
export interface CheckContext {
  readonly app: AppModel;
  readonly merged: Merged;
  readonly issues: Issue[];
}

/** Reports local issues found at a pointer of a draft, at their place in the right file. */
export function report(ctx: CheckContext, draft: Draft<unknown>, base: string, local: readonly LocalIssue[]): void {
  for (const l of local) {
    const at = locate(draft.map, base + l.path);
    ctx.issues.push(issue(l.code, at, l.params, l.found));
  }
}

/** A local issue for a field name an entity lacks. */
export const unknownField = (entity: { name: string; fieldNames: readonly string[] }, name: string, path = ''): LocalIssue => ({
  code: 'ref.field', path, params: { entity: entity.name, name, known: entity.fieldNames }, found: name,
});

/** A local issue for an entity name the model lacks. */
export const unknownEntity = (app: AppModel, name: string, path = ''): LocalIssue => ({
  code: 'ref.entity', path, params: { name, known: Object.keys(app.entities).filter((e) => !app.entities[e]!.system || e === 'user' || e === 'team') }, found: name,
});
