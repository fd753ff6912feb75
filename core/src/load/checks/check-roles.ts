import type { RoleDefinition } from '@tessera/metadata';
import { parseCondition } from '../../conditions/parse';
import type { Issue, LocalIssue } from '../../errors/issue';
import type { AppModel } from '../../model/app-model';
import type { Draft } from '../source-map';
import { report, unknownEntity, type CheckContext } from './context';
import { fieldsExist } from './check-entities';

/** Inherited roles exist and form no cycle; permissions name real entities and fields, and parse their conditions. */
export function checkRoles(ctx: CheckContext): void {
  const roles = ctx.merged.roles;
  const cycles = new Set<string>();
  for (const [name, draft] of roles) {
    const local: LocalIssue[] = [];
    (draft.value.inherits ?? []).forEach((parent, i) => {
      if (!roles.has(parent)) local.push({ code: 'ref.role', path: `/inherits/${i}`, params: { name: parent, known: [...roles.keys()] }, found: parent });
    });
    const cycle = findCycle(name, (r) => roles.get(r)?.value.inherits ?? []);
    // Every role on a cycle finds it; it is reported once, at the first of them.
    const key = cycle ? [...new Set(cycle)].sort().join(',') : '';
    if (cycle && !cycles.has(key)) {
      cycles.add(key);
      local.push({ code: 'ref.roleCycle', path: '/inherits', params: { cycle } });
    }
    (draft.value.permissions ?? []).forEach((permission, i) => {
      const at = `/permissions/${i}`;
      if (permission.subject === 'all') return;
      const entity = ctx.app.entities[permission.subject];
      if (!entity) {
        local.push(unknownEntity(ctx.app, permission.subject, `${at}/subject`));
        return;
      }
      if (permission.where) {
        const parsed = parseCondition(ctx.app, entity.name, permission.where);
        if (!parsed.ok) local.push(...parsed.issues.map((p) => ({ ...p, path: `${at}/where${p.path}` })));
      }
      for (const key of ['allow', 'deny'] as const) local.push(...fieldsExist(entity, permission.fields?.[key] ?? [], `${at}/fields/${key}`));
    });
    report(ctx, draft, '', local);
  }
}

/**
 * The issues of one role of an AppModel, by the same checks as the loader's (a role edited at run time, already
 * valid against its schema). Issues name the role as their file.
 */
export function checkRole(app: AppModel, name: string): Issue[] {
  // The role goes first, so a cycle through it is reported at it rather than at another role on the cycle.
  const names = [name, ...Object.keys(app.roles).filter((n) => n !== name)];
  const draft = (n: string): Draft<RoleDefinition> => ({ value: app.roles[n]!, origin: 'api', map: [{ prefix: '', file: n, path: '' }], extendedBy: [], fieldOrigins: {} });
  const issues: Issue[] = [];
  const merged = { entities: new Map(), roles: new Map(names.map((n) => [n, draft(n)])), processes: new Map(), layouts: new Map(), dashboards: new Map(), templates: new Map() };
  checkRoles({ app, merged, issues });
  return issues.filter((i) => i.file === name);
}

/** The cycle through a start node, if following edges leads back to it. */
function findCycle(start: string, next: (name: string) => readonly string[]): string[] | undefined {
  const stack: Array<{ name: string; trail: string[] }> = [{ name: start, trail: [start] }];
  const seen = new Set<string>();
  while (stack.length) {
    const { name, trail } = stack.pop()!;
    for (const n of next(name)) {
      if (n === start) return [...trail, n];
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push({ name: n, trail: [...trail, n] });
    }
  }
  return undefined;
}
