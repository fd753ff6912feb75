import type { RoleDefinition } from '@tessera/metadata';
import { evaluateCondition } from '../conditions/evaluate';
import { createAppModel } from '../model/create-app-model';
import { permissionsFor } from './permissions';

const roles: RoleDefinition[] = [
  { name: 'employee', label: { en: 'Employee' }, permissions: [{ action: 'read', subject: 'account' }] },
  {
    name: 'sales_rep', label: { en: 'Sales rep' }, inherits: ['employee'],
    permissions: [
      { action: ['read', 'create', 'update'], subject: 'deal', where: { ownerId: '$user.id' }, fields: { deny: ['ceiling'] } },
      { action: 'delete', subject: 'deal', where: { ownerId: '$user.id' }, inverted: false },
      { action: 'delete', subject: 'deal', where: { stage: 'won' }, inverted: true },
    ],
  },
  { name: 'manager', label: { en: 'Manager' }, inherits: ['sales_rep'], permissions: [{ action: 'read', subject: 'deal', where: { ownerId: { $in: '$user.subordinateIds' } } }] },
  { name: 'auditor', label: { en: 'Auditor' }, permissions: [{ action: 'read', subject: 'all' }, { action: 'read', subject: 'deal', fields: { allow: ['ceiling'] }, inverted: true }, { action: 'update', subject: 'user' }] },
];
const app = createAppModel({
  name: 'perm',
  entities: [
    { definition: { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' } } }, origin: 'test' },
    { definition: { name: 'deal', label: { en: 'Deal' }, fields: { name: { type: 'text' }, stage: { type: 'picklist', options: ['new', 'won'] }, ceiling: { type: 'percent' } } }, origin: 'test' },
  ],
  roles,
});

const me = '00000000-0000-4000-8000-000000000001';
const report = '00000000-0000-4000-8000-000000000002';
const other = '00000000-0000-4000-8000-000000000003';
const ctx = { app, values: { now: new Date(), today: '2026-01-01', user: { id: me, teamIds: [], subordinateIds: [report] } }, lookup: () => undefined };
const sees = (roleNames: string[], action: 'read' | 'update' | 'delete', record: Record<string, unknown>) => {
  const access = permissionsFor(app, roleNames).access(action, 'deal');
  return access.allowed && (!access.where || evaluateCondition(access.where, record, ctx));
};

describe('permissions compiled from roles', () => {
  it('gives the admin every action on every row and field, system entities included', () => {
    const admin = permissionsFor(app, ['admin']);
    expect(admin.admin).toBe(true);
    for (const action of ['read', 'create', 'update', 'delete'] as const) {
      expect(admin.access(action, 'deal')).toMatchObject({ allowed: true, allFields: true });
      expect(admin.access(action, 'deal').where).toBeUndefined();
      expect(admin.can(action, 'user')).toBe(true);
    }
  });

  it('denies what no role grants, and a user without roles everything', () => {
    expect(permissionsFor(app, []).can('read', 'account')).toBe(false);
    expect(permissionsFor(app, ['sales_rep']).can('delete', 'account')).toBe(false);
    expect(permissionsFor(app, ['nonexistent']).can('read', 'deal')).toBe(false);
  });

  it('inherits: a rep reads accounts through employee, and only their own deals', () => {
    const rep = permissionsFor(app, ['sales_rep']);
    expect(rep.roles).toEqual(['employee', 'sales_rep']);
    expect(rep.access('read', 'account')).toMatchObject({ allowed: true, allFields: true });
    expect(sees(['sales_rep'], 'read', { ownerId: me })).toBe(true);
    expect(sees(['sales_rep'], 'read', { ownerId: other })).toBe(false);
    expect(sees(['sales_rep'], 'read', { ownerId: report })).toBe(false);
  });

  it('ORs the row conditions of several grants: a manager reads their own and their reports\' deals', () => {
    expect(sees(['manager'], 'read', { ownerId: me })).toBe(true);
    expect(sees(['manager'], 'read', { ownerId: report })).toBe(true);
    expect(sees(['manager'], 'read', { ownerId: other })).toBe(false);
    // The wider read does not widen update: that grant stays on the rep's own deals.
    expect(sees(['manager'], 'update', { ownerId: report })).toBe(false);
  });

  it('lets a cannot rule win over every can, from any role', () => {
    expect(sees(['sales_rep'], 'delete', { ownerId: me, stage: 'new' })).toBe(true);
    expect(sees(['sales_rep'], 'delete', { ownerId: me, stage: 'won' })).toBe(false);
    expect(sees(['sales_rep', 'auditor'], 'delete', { ownerId: me, stage: 'won' })).toBe(false);
  });

  it('hides denied fields from reads and writes, keeps id and version readable, and says when nothing is hidden', () => {
    const read = permissionsFor(app, ['sales_rep']).access('read', 'deal');
    expect(read.fields.has('ceiling')).toBe(false);
    expect(read.fields.has('name')).toBe(true);
    expect(read.allFields).toBe(false);
    expect(permissionsFor(app, ['sales_rep']).access('update', 'deal').fields.has('ceiling')).toBe(false);
    const auditor = permissionsFor(app, ['auditor']).access('read', 'deal');
    expect([...auditor.fields]).not.toContain('ceiling');
    expect(auditor.where).toBeUndefined();
    expect(permissionsFor(app, ['auditor']).access('read', 'account').allFields).toBe(true);
  });

  it('lets roles read system entities but never change them: users and departments are the admins\'', () => {
    const auditor = permissionsFor(app, ['auditor']);
    expect(auditor.can('read', 'user')).toBe(true);
    expect(auditor.can('update', 'user')).toBe(false);
  });

  it('compiles once per role set and AppModel, whatever the order the roles come in', () => {
    expect(permissionsFor(app, ['manager', 'auditor'])).toBe(permissionsFor(app, ['auditor', 'manager']));
    const a = permissionsFor(app, ['sales_rep']).access('read', 'deal');
    expect(permissionsFor(app, ['sales_rep']).access('read', 'deal')).toBe(a);
    expect(permissionsFor(app, ['manager']).access('read', 'deal').key).not.toBe(a.key);
  });
});
