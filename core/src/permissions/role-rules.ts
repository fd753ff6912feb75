import type { RoleAction, RoleDefinition } from '@tessera/metadata';
import type { AppModel, EntityModel } from '../model/app-model';

/** The built-in role that may do everything, including managing users, roles and departments. */
export const ADMIN_ROLE = 'admin';

/** One CASL rule as the roles produce it: conditions stay in the condition language, placeholders unresolved. */
export interface RoleRule {
  readonly action: RoleAction | RoleAction[];
  readonly subject: string;
  readonly conditions?: Record<string, unknown>;
  readonly fields?: string[];
  readonly inverted?: boolean;
}

/** A role and every role it inherits, each once, ancestors first (cycles are refused when the app loads). */
export function withInherited(app: AppModel, roles: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (name: string, trail: ReadonlySet<string>) => {
    if (out.includes(name) || trail.has(name)) return;
    for (const parent of app.roles[name]?.inherits ?? []) visit(parent, new Set([...trail, name]));
    out.push(name);
  };
  for (const role of roles) visit(role, new Set());
  return out;
}

/**
 * The CASL rules of a set of roles. Rules add up across roles; "cannot" rules come last, so a cannot always wins over
 * a can, whichever role either comes from (CASL gives later rules priority).
 */
export function roleRules(app: AppModel, roles: readonly string[]): RoleRule[] {
  const all = withInherited(app, roles);
  const rules: RoleRule[] = all.includes(ADMIN_ROLE) ? [{ action: 'manage', subject: 'all' }] : [];
  for (const name of all) rules.push(...(app.roles[name]?.permissions ?? []).map((p) => toRule(app, p)));
  return [...rules.filter((r) => !r.inverted), ...rules.filter((r) => r.inverted)];
}

type Permission = NonNullable<RoleDefinition['permissions']>[number];

function toRule(app: AppModel, p: Permission): RoleRule {
  const entity = app.entities[p.subject];
  const fields = entity && p.fields ? ruleFields(entity, p.fields, p.inverted === true) : undefined;
  return {
    action: p.action, subject: p.subject,
    ...(p.where ? { conditions: p.where as Record<string, unknown> } : {}),
    ...(fields ? { fields } : {}),
    ...(p.inverted ? { inverted: true } : {}),
  };
}

/** A can rule's fields are those allowed (or all but those denied); a cannot rule's fields are those it names. */
function ruleFields(entity: EntityModel, fields: { allow?: string[]; deny?: string[] }, inverted: boolean): string[] {
  if (inverted) return [...(fields.allow ?? []), ...(fields.deny ?? [])];
  const allowed = fields.allow ?? entity.fieldNames;
  return allowed.filter((f) => !(fields.deny ?? []).includes(f));
}
