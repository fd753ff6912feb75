import { ADMIN_ROLE, checkRole, validateDocument, type AppModel } from '@tessera/core';
import type { RoleDefinition } from '@tessera/metadata';
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { layerRoles, readStoredRoles, ROLES_TABLE, type EffectiveRoles } from '../../auth/role-store';
import type { RouteModule } from '../context';
import { problem } from '../problem';
import { issuesProblem } from '../record-problems';
import { requestLocale } from '../request-locale';

/** Roles are the admins' alone, reading them included: they tell who may see what. */
function requireAdmin(res: Response): void {
  if (!res.locals.permissions.admin) throw problem(403, { code: 'roles.forbidden', detail: 'Only admins may read or change roles.' });
}

/** The role a path names, if it may be defined: admin is built in and never stored. */
function definableName(req: Request): string {
  const name = String(req.params.name);
  if (name === ADMIN_ROLE) {
    const message = 'The admin role is built in and cannot be defined or changed.';
    throw problem(400, { code: 'role.invalid', detail: message, errors: [{ path: '/name', code: 'role.reserved', message }] });
  }
  return name;
}

/** A role as the API shows it, with where its definition comes from. */
const shown = (roles: EffectiveRoles, name: string) => {
  // A metadata file's "$schema" (an editor hint, a path in the repository) is no part of the role.
  const { $schema: _hint, ...role } = roles.app.roles[name]!;
  return { ...role, source: Object.hasOwn(roles.stored, name) ? 'api' : 'metadata' };
};

/** A PUT body as a role definition: valid against the role schema and named as its path; "$schema" is not kept. */
function roleBody(req: Request, name: string): RoleDefinition {
  const locale = requestLocale(req);
  const issues = validateDocument('role', req.body, `roles/${name}.json`);
  if (issues.length) throw issuesProblem(issues, locale, 'role.invalid');
  const { $schema: _schema, ...role } = req.body as RoleDefinition & { $schema?: string };
  if (role.name !== name) {
    const message = `The body's name must be the path's, "${name}".`;
    throw problem(400, { code: 'role.invalid', detail: message, errors: [{ path: '/name', code: 'role.name', message }] });
  }
  return role;
}

/** The roles that inherit a role directly. */
const heirsOf = (app: AppModel, name: string): string[] => Object.values(app.roles).filter((r) => r.inherits?.includes(name)).map((r) => r.name);

/**
 * /api/roles: the roles in force (metadata and API), and admins' edits to them. An edit is checked against every
 * other role as it stands inside the edit's transaction (the table is locked, so two edits cannot make a cycle between
 * them), and every instance hears of it when it commits.
 */
export const roleRoutes: RouteModule = {
  path: '/roles',
  routes: (ctx) => {
    /** Runs an edit of the stored roles with them locked, read and layered over the metadata; this instance reloads after. */
    const edit = async <T>(work: (trx: Knex.Transaction, app: AppModel, stored: Record<string, RoleDefinition>) => Promise<T>) => {
      const result = await ctx.db.knex.transaction(async (trx) => {
        await trx.raw(`lock table ${ROLES_TABLE} in share row exclusive mode`);
        const stored = await readStoredRoles(trx);
        return work(trx, layerRoles(ctx.app, stored), stored);
      });
      ctx.roles.changed();
      return result;
    };
    return Router()
      .get('/', async (_req, res) => {
        requireAdmin(res);
        const roles = await ctx.roles.roles();
        res.json({ data: Object.keys(roles.app.roles).sort().map((name) => shown(roles, name)) });
      })
      .get('/:name', async (req, res) => {
        requireAdmin(res);
        const roles = await ctx.roles.roles();
        if (!Object.hasOwn(roles.app.roles, req.params.name)) throw problem(404, { code: 'role.not-found', detail: 'No such role.' });
        res.json(shown(roles, req.params.name));
      })
      .put('/:name', async (req, res) => {
        requireAdmin(res);
        const name = definableName(req);
        const role = roleBody(req, name);
        await edit(async (trx, app) => {
          const issues = checkRole({ ...app, roles: { ...app.roles, [name]: role } }, name);
          if (issues.length) throw issuesProblem(issues, requestLocale(req), 'role.invalid');
          await trx(ROLES_TABLE).insert({ name, definition: JSON.stringify(role), updated_by: res.locals.user.id })
            .onConflict('name').merge({ definition: JSON.stringify(role), updated_at: trx.fn.now(), updated_by: res.locals.user.id });
        });
        res.json({ ...role, source: 'api' });
      })
      .delete('/:name', async (req, res) => {
        requireAdmin(res);
        const name = definableName(req);
        await edit(async (trx, app, stored) => {
          if (!Object.hasOwn(stored, name)) throw problem(404, { code: 'role.not-found', detail: 'No role of this name was defined through the API.' });
          const { [name]: _removed, ...rest } = stored;
          const after = layerRoles(ctx.app, rest);
          // Without a metadata definition to fall back to, the role disappears, and roles inheriting it would break.
          const heirs = Object.hasOwn(after.roles, name) ? [] : heirsOf(app, name);
          if (heirs.length) throw problem(409, { code: 'role.inherited', detail: `The role is inherited by ${heirs.join(', ')}; change those first.` });
          // The metadata definition it falls back to may inherit an API role that inherits this one: a cycle.
          const issues = Object.hasOwn(after.roles, name) ? checkRole(after, name) : [];
          if (issues.length) throw problem(409, { ...issuesProblem(issues, requestLocale(req), 'role.conflict').init, detail: 'Falling back to the metadata definition would break the roles.' });
          await trx(ROLES_TABLE).where({ name }).delete();
          // A role that no longer exists is taken from the users who had it, so nobody holds a name that grants nothing.
          if (!Object.hasOwn(after.roles, name)) await trx('tessera_user_roles').where({ role: name }).delete();
        });
        res.status(204).end();
      });
  },
};
