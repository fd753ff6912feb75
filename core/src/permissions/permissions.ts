import { createMongoAbility, type MongoAbility } from '@casl/ability';
import { permittedFieldsOf, rulesToCondition } from '@casl/ability/extra';
import type { RoleAction } from '@tessera/metadata';
import type { ConditionNode } from '../conditions/ast';
import { parseCondition } from '../conditions/parse';
import type { AppModel, EntityModel } from '../model/app-model';
import { readableModel } from './readable-model';
import { ADMIN_ROLE, roleRules, withInherited } from './role-rules';

/** What a set of roles may do with one entity for one action. */
export interface Access {
  /** Whether any row at all may be acted on. */
  readonly allowed: boolean;
  /** The rows that may be acted on, in the condition language; undefined means every row. */
  readonly where?: ConditionNode;
  /** The fields the action may touch: for read those shown, for create and update those that may be written. */
  readonly fields: ReadonlySet<string>;
  /** Whether fields holds every field of the entity (nothing to hide or refuse). */
  readonly allFields: boolean;
  /** Equal keys mean equal access (rows and fields): what statement caches are keyed by. */
  readonly key: string;
}

// Fields every reader sees: a record without its id and version could not be addressed or updated.
const ALWAYS_READABLE = ['id', 'version'];

/**
 * The permissions of a set of roles on an AppModel: CASL abilities compiled from the roles (with inheritance), row
 * conditions turned into the one condition AST (with $user placeholders left for each request to bind), and field
 * lists per entity and action. Field rules apply per entity and action, whatever the row.
 */
export class Permissions {
  readonly admin: boolean;
  readonly roles: readonly string[];
  private readonly ability: MongoAbility;
  private readonly cache = new Map<string, Access>();
  private view: AppModel | undefined;

  constructor(readonly app: AppModel, roles: readonly string[]) {
    this.roles = withInherited(app, roles);
    this.admin = this.roles.includes(ADMIN_ROLE);
    this.ability = createMongoAbility(roleRules(app, roles) as never);
  }

  /** Whether the roles allow an action on an entity for at least some rows. */
  can(action: RoleAction, entity: string): boolean {
    return this.access(action, entity).allowed;
  }

  /** The AppModel as these roles may see it (readable entities and fields only); the AppModel itself for admins. */
  get model(): AppModel {
    return (this.view ??= readableModel(this));
  }

  /** The rows and fields an action on an entity may reach; computed once per role set, entity and action. */
  access(action: RoleAction, entity: string): Access {
    const key = `${action}:${entity}`;
    let access = this.cache.get(key);
    if (!access) this.cache.set(key, (access = this.compute(action, this.app.entities[entity]!)));
    return access;
  }

  private compute(action: RoleAction, entity: EntityModel): Access {
    // Users, roles and departments are the admins' to change; roles may only let others read them.
    if (entity.system && action !== 'read' && !this.admin) return DENIED;
    const condition = rulesToCondition(this.ability.rulesFor(action, entity.name), (rule) => (rule.inverted ? { $not: rule.conditions } : rule.conditions) as Record<string, unknown>, {
      and: (items) => ({ $and: items }),
      or: (items) => (items.length === 1 ? items[0]! : { $or: items }),
      empty: () => ({}),
    });
    if (condition === null) return DENIED;
    const where = Object.keys(condition).length ? this.parse(entity, condition) : undefined;
    const permitted = permittedFieldsOf(this.ability, action, entity.name, { fieldsFrom: (rule) => rule.fields ?? [...entity.fieldNames] });
    const fields = new Set(action === 'read' ? [...ALWAYS_READABLE, ...permitted] : permitted);
    const allFields = entity.fieldNames.every((f) => fields.has(f));
    return { allowed: true, ...(where ? { where } : {}), fields, allFields, key: JSON.stringify([condition, allFields ? '*' : [...fields].sort()]) };
  }

  private parse(entity: EntityModel, condition: Record<string, unknown>): ConditionNode {
    const parsed = parseCondition(this.app, entity.name, condition);
    // The loader parsed every role condition already; failing here means a bug, and failing closed is the safe answer.
    if (!parsed.ok) throw new Error(`role condition on ${entity.name} does not parse: ${JSON.stringify(parsed.issues)}`);
    return parsed.ast;
  }
}

const DENIED: Access = { allowed: false, fields: new Set(), allFields: false, key: 'denied' };

const compiled = new WeakMap<AppModel, Map<string, Permissions>>();

/** The permissions of a set of roles, compiled once per AppModel and role set (a new AppModel compiles afresh). */
export function permissionsFor(app: AppModel, roles: readonly string[]): Permissions {
  let byRoles = compiled.get(app);
  if (!byRoles) compiled.set(app, (byRoles = new Map()));
  const key = [...roles].sort().join(',');
  let p = byRoles.get(key);
  if (!p) byRoles.set(key, (p = new Permissions(app, roles)));
  return p;
}
