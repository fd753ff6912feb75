import AjvDraft7 from 'ajv';
import addFormats from 'ajv-formats';
import { renderIssue } from '../errors/issue';
import { entityForm } from '../forms/entity-form';
import { createFormValidator } from '../forms/validator';
import { memoryReader } from '../load/reader';
import { loadApp } from '../load/load-app';
import { createAppModel } from '../model/create-app-model';
import { fieldSql } from '../model/path-value';
import { aliasSource } from '../model/context';
import { recordSchema } from '../openapi/schemas';
import { parseListQuery } from '../query/parse-list-query';
import { fieldStorage, isWriteOnly } from './storage';
import { passwordField } from './types/password';
import { rolesField } from './types/roles';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const app = createAppModel({
  name: 'users', entities: [],
  roles: [{ name: 'sales_rep', label: label('Sales rep', '销售代表'), permissions: [] }, { name: 'auditor', label: label('Auditor', '审计'), permissions: [] }],
});
const user = app.entities.user!;
const ajv = createFormValidator();
// react-jsonschema-form validates with draft-07 and strict mode off, which lets the unknown "password" format pass.
const ajvDraft7 = addFormats(new AjvDraft7({ strict: false, logger: false }));

describe('password', () => {
  const field = user.fields.password!;

  test('a string of 8 to 200 characters, marked as a password (2020-12 and draft-07)', () => {
    const schema = passwordField.valueSchema({ type: 'password' }, 'en', app);
    expect(schema).toEqual({ type: 'string', minLength: 8, maxLength: 200, format: 'password' });
    for (const validate of [ajv.compile(schema), ajvDraft7.compile(schema)]) {
      expect(['12345678', ' spaced  out ', 'x'.repeat(200), '密码密码密码密码'].filter((v) => !validate(v))).toEqual([]);
      expect(['1234567', 'x'.repeat(201), 12345678, null].filter((v) => validate(v))).toEqual([]);
    }
  });

  test('is written but never read: no column, no operators, no sort, masked when formatted', () => {
    expect([fieldStorage(field), isWriteOnly(field), passwordField.computed, passwordField.systemOnly]).toEqual(['side', true, false, true]);
    expect(passwordField.column({ type: 'password' })).toBeUndefined();
    expect(passwordField.operators).toEqual([]);
    expect(passwordField.sortSql).toBeUndefined();
    expect(passwordField.sqlExpression).toBeUndefined();
    expect(passwordField.widget).toBe('password');
    expect(passwordField.format('hunter22hunter', { type: 'password' }, 'en')).toBe('********');
    expect(passwordField.coerce(' kept as typed ', { type: 'password' }, 'csv')).toEqual({ ok: true, value: ' kept as typed ' });
  });

  test('the form asks for it write-only as a password input; the record schema never shows it', () => {
    const form = entityForm(app, 'user', { locale: 'zh-CN', variant: 'create' });
    expect((form.schema.properties as Record<string, unknown>).password).toEqual({
      type: ['string', 'null'], minLength: 8, maxLength: 200, format: 'password', title: '密码', writeOnly: true,
    });
    expect(form.schema.required).toEqual(['email', 'name']);
    expect(form.uiSchema.password).toEqual({ 'ui:widget': 'password' });
    const record = recordSchema(app, 'user', 'en').properties as Record<string, unknown>;
    expect(Object.keys(record)).not.toContain('password');
    expect(Object.keys(record)).toContain('roles');
  });

  test.each([
    ['fields=name,password', '/query/fields', 'query.field'],
    ['sort=password', '/query/sort', 'query.field'],
    ['where[password][$eq]=12345678', '/query/where[password][$eq]', 'condition.operator'],
    ['filter={"password":{"$exists":true}}', '/query/filter/password/$exists', 'condition.operator'],
    ['filter={"manager.password":"12345678"}', '/query/filter/manager.password', 'condition.operator'],
  ])('a list may not return, sort or filter on it: %s', (query, path, code) => {
    const parsed = parseListQuery(app, 'user', new URLSearchParams(query));
    const issues = parsed.ok ? [] : parsed.issues;
    expect(issues.map((i) => [i.path, i.code])).toEqual([[path, code]]);
    if (code === 'condition.operator') expect(renderIssue({ file: '', ...issues[0]! }).expected).toBe('no condition on this field');
  });
});

describe('roles', () => {
  const field = user.fields.roles!;

  test('admin or a role the app defines, each once', () => {
    const schema = rolesField.valueSchema({ type: 'roles' }, 'en', app);
    expect(schema).toEqual({ type: 'array', items: { type: 'string', enum: ['admin', 'sales_rep', 'auditor'] }, uniqueItems: true });
    for (const validate of [ajv.compile(schema), ajvDraft7.compile(schema)]) {
      expect([[], ['admin'], ['auditor', 'sales_rep']].filter((v) => !validate(v))).toEqual([]);
      expect([['root'], ['admin', 'admin'], 'admin', [1]].filter((v) => validate(v))).toEqual([]);
    }
  });

  test('is never null in a form or a body: [] holds no role', () => {
    const form = entityForm(app, 'user', { locale: 'en', variant: 'update' });
    const validate = ajv.compile(form.schema);
    expect([validate({ roles: [] }), validate({ roles: null }), validate({ manager: null })]).toEqual([true, false, true]);
  });

  test('is stored beside the user, read and written by clients, filtered by membership, not sorted', () => {
    expect([fieldStorage(field), isWriteOnly(field), rolesField.computed, rolesField.systemOnly]).toEqual(['side', false, false, true]);
    expect(rolesField.column({ type: 'roles' })).toBeUndefined();
    expect(rolesField.operators).toEqual(['$contains', '$exists']);
    expect(rolesField.sortSql).toBeUndefined();
    expect(rolesField.coerce('auditor; admin，auditor', { type: 'roles' }, 'csv')).toEqual({ ok: true, value: ['auditor', 'admin'] });
    expect(rolesField.format(['admin', 'auditor'], { type: 'roles' }, 'zh-CN')).toBe('admin、auditor');
    expect(parseListQuery(app, 'user', new URLSearchParams('where[roles][$contains]=admin&fields=roles')).ok).toBe(true);
  });

  test('its SQL is a correlated subquery of the row: the sorted role names, empty without any', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    try {
      await db.exec(`create table "user" (id int primary key);
        create table tessera_user_roles (user_id int, role text);
        insert into "user" values (1), (2);
        insert into tessera_user_roles values (1, 'sales_rep'), (1, 'admin')`);
      const roles = fieldSql(field, { app, alias: 'u', values: { now: new Date(), today: '2026-01-01' }, nextAlias: aliasSource('x') });
      const { rows } = await db.query<{ id: number; roles: string[] }>(`select id, ${roles.sql} as roles from "user" as u order by id`);
      expect(rows).toEqual([{ id: 1, roles: ['admin', 'sales_rep'] }, { id: 2, roles: [] }]);
    } finally {
      await db.close();
    }
  });
});

test.each(['password', 'roles'])('an implementer\'s entity may not declare a %s field', async (type) => {
  const files = {
    'app.json': JSON.stringify({ name: 'shop' }),
    'entities/member.json': JSON.stringify({ name: 'member', label: label('Member', '会员'), fields: { secret: { type } } }),
  };
  const result = await loadApp(memoryReader(files));
  expect(result.ok ? [] : result.issues.map((i) => [i.file, i.path, i.code])).toEqual([['entities/member.json', '/fields/secret/type', 'field.systemOnly']]);
});
