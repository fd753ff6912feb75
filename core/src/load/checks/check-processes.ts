import { parseCondition } from '../../conditions/parse';
import type { LocalIssue } from '../../errors/issue';
import { nodeTypes } from '../../process/builtins';
import { validateGraph } from '../../process/validate-graph';
import { fieldsExist } from './check-entities';
import { report, unknownEntity, type CheckContext } from './context';

/** A process names a real entity, its trigger fields and entry parse, its nodes check out, and its graph is sound. */
export function checkProcesses(ctx: CheckContext): void {
  for (const draft of ctx.merged.processes.values()) {
    const process = draft.value;
    const entity = ctx.app.entities[process.entity];
    if (!entity) {
      report(ctx, draft, '', [unknownEntity(ctx.app, process.entity, '/entity')]);
      continue;
    }
    const local: LocalIssue[] = [...fieldsExist(entity, process.trigger.fields ?? [], '/trigger/fields')];
    if (process.entry) {
      const parsed = parseCondition(ctx.app, entity.name, process.entry);
      if (!parsed.ok) local.push(...parsed.issues.map((p) => ({ ...p, path: `/entry${p.path}` })));
    }
    process.nodes.forEach((node, i) => {
      const found = nodeTypes.get(node.type).check?.(node as never, { app: ctx.app, process, entity }) ?? [];
      local.push(...found.map((f) => ({ ...f, path: `/nodes/${i}${f.path}` })));
    });
    local.push(...validateGraph(process));
    report(ctx, draft, '', local);
  }
}
