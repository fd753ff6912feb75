export { ADMIN_ROLE, roleRules, withInherited, type RoleRule } from './role-rules';
export { Permissions, permissionsFor, type Access } from './permissions';
