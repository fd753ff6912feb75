import { ADMIN_ROLE } from '../../permissions/role-rules';
import type { AppModel } from '../../model/app-model';
import { quoteIdent } from '../../sql/fragment';
import { defineFieldType } from '../define-field-type';
import { LIST_SEPARATORS } from '../options';

/** The runtime's table of users' roles: one row per user and role name. */
export const USER_ROLES_TABLE = 'tessera_user_roles';

/** The role names a user may hold: the built-in admin and every role the app defines. */
const roleNames = (app: AppModel): string[] => [...new Set([ADMIN_ROLE, ...Object.keys(app.roles)])];

/**
 * A user's role names. The runtime stores them beside the user (USER_ROLES_TABLE); they are read in the record's own
 * statement as a correlated subquery, sorted, so a GET or a list page costs no extra statement. Not sortable.
 */
export const rolesField = defineFieldType({
  name: 'roles',
  kind: 'textList',
  valueSchema: (_field, _locale, app) => ({ type: 'array', items: { type: 'string', enum: roleNames(app) }, uniqueItems: true }),
  column: () => undefined,
  operators: ['$contains', '$exists'],
  coerce: (raw) => ({ ok: true, value: [...new Set(raw.split(LIST_SEPARATORS).map((p) => p.trim()).filter((p) => p !== ''))] }),
  widget: 'multiSelect',
  neverNull: true,
  format: (value, _field, locale) => (Array.isArray(value) ? value : [value]).join(locale.startsWith('zh') ? '、' : ', '),
  exportValue: (value) => (Array.isArray(value) ? value : [value]).join('; '),
  systemOnly: true,
  sqlExpression: (_field, _model, ctx) => {
    const role = quoteIdent(ctx.nextAlias());
    return {
      sql: `array(select ${role}."role" from ${USER_ROLES_TABLE} as ${role} where ${role}."user_id" = ${quoteIdent(ctx.alias)}."id" order by ${role}."role")`,
      bindings: [],
    };
  },
});
