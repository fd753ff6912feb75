import type { LocalIssue } from '../../errors/issue';
import { locate } from '../source-map';
import { report, type CheckContext } from './context';

/** Documents: names distinct within the entity, each rendered from a template the app has (a plugin's or the app's own). */
export function checkDocuments(ctx: CheckContext): void {
  const templates = Object.keys(ctx.app.templates).sort();
  for (const draft of ctx.merged.entities.values()) {
    const local: LocalIssue[] = [];
    const first = new Map<string, number>();
    (draft.value.documents ?? []).forEach((document, i) => {
      const at = `/documents/${i}`;
      const earlier = first.get(document.name);
      if (earlier === undefined) first.set(document.name, i);
      else {
        const other = locate(draft.map, `/documents/${earlier}`).file;
        local.push({ code: 'name.duplicate', path: `${at}/name`, params: { kind: 'document', name: document.name, other }, found: document.name });
      }
      if (!Object.hasOwn(ctx.app.templates, document.template)) {
        local.push({ code: 'ref.template', path: `${at}/template`, params: { name: document.template, known: templates }, found: document.template });
      }
    });
    report(ctx, draft, '', local);
  }
}
