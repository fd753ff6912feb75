import { conditionToSql, quoteIdent, type Access, type AppModel, type Permissions, type SqlContext, type SqlFragment } from '@tessera/core';
import { SHARES_TABLE } from '../sharing/shares-table';

/** The rows a request may reach in one table, as SQL over the row's alias; its key names its shape for statement caches. */
export interface RowScope {
  readonly key: string;
  sql(ctx: SqlContext): SqlFragment;
}

/**
 * The scope of an access: its row condition, widened for reads by the records shared with the user or one of their
 * departments (writes check an edit share by id, access-checks.ts). Undefined when every row is in scope. Sharing
 * widens rows only where a role grants the action on the entity at all.
 *
 * The row condition was parsed against the whole AppModel and may read through lookups to entities the caller may
 * not read ("ownerId.team"): give that model as `app` when the statement is built with another (a list, built with the
 * model the caller may read), so the condition compiles against the model it was parsed with.
 */
export function accessScope(entity: string, access: Access, options: { shared?: boolean; app?: AppModel } = {}): RowScope | undefined {
  if (!access.allowed) return { key: 'none', sql: () => ({ sql: 'false', bindings: [] }) };
  const where = access.where;
  if (!where) return undefined;
  const { shared: withShares, app } = options;
  return {
    key: `${access.key}|${withShares ? 'shared' : ''}`,
    sql: (ctx) => {
      const condition = conditionToSql(where, app ? { ...ctx, app } : ctx);
      if (!withShares) return condition;
      const shared = sharedSql(entity, ctx);
      return { sql: `(${condition.sql} or ${shared.sql})`, bindings: [...condition.bindings, ...shared.bindings] };
    },
  };
}

/** The rows of each entity a caller may read, as lists, aggregates, exports, searches and lookups scope them (shares widen them). */
export const readScopeOf = (ctx: { readonly permissions: Permissions; readonly app: AppModel }) => (entity: string): RowScope | undefined =>
  accessScope(entity, ctx.permissions.access('read', entity), { shared: true, app: ctx.app });

/** Whether the row's id is shared (to read or to edit) with the user or one of their departments. */
function sharedSql(entity: string, ctx: SqlContext): SqlFragment {
  const user = ctx.values.user;
  if (!user) return { sql: 'false', bindings: [] };
  return {
    // An array built once, not a subquery: the planner can then combine the row condition's indexes with another's (search).
    sql: `${quoteIdent(ctx.alias)}."id" = any(array(select s.record_id from ${SHARES_TABLE} s where s.entity = cast(? as text) and (s.user_id = cast(? as uuid) or s.team_id = any(cast(? as uuid[])))))`,
    bindings: [entity, user.id, [...user.teamIds]],
  };
}
