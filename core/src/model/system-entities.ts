import type { EntityDefinition, FieldDefinition } from '@tessera/metadata';

/** Fields every entity has, managed by the runtime and read-only to clients; the id is a reference to the entity itself. */
export const systemFields = (entity: string): Readonly<Record<string, FieldDefinition>> => ({
  id: { type: 'lookup', target: entity, label: { en: 'ID', 'zh-CN': 'ID' }, required: true, readOnly: true },
  version: { type: 'integer', label: { en: 'Version', 'zh-CN': '版本' }, required: true, readOnly: true },
  createdAt: { type: 'datetime', label: { en: 'Created at', 'zh-CN': '创建时间' }, required: true, readOnly: true },
  updatedAt: { type: 'datetime', label: { en: 'Updated at', 'zh-CN': '更新时间' }, required: true, readOnly: true },
  createdBy: { type: 'user', label: { en: 'Created by', 'zh-CN': '创建人' }, readOnly: true },
  updatedBy: { type: 'user', label: { en: 'Updated by', 'zh-CN': '修改人' }, readOnly: true },
  ownerId: { type: 'user', label: { en: 'Owner', 'zh-CN': '负责人' }, readOnly: true },
});

/** The names of the system fields. */
export const SYSTEM_FIELD_NAMES: readonly string[] = Object.keys(systemFields('x'));

/** Names no entity may use for a field: the system fields and names that would shadow JavaScript object members. */
export const RESERVED_FIELD_NAMES: readonly string[] = [
  ...SYSTEM_FIELD_NAMES, 'constructor', 'prototype', 'hasOwnProperty', 'isPrototypeOf', 'toString', 'valueOf', 'toJSON',
];

/** The system entities Tessera defines itself: users and teams (DESIGN.md §4). */
export const SYSTEM_ENTITIES: readonly EntityDefinition[] = [
  {
    name: 'user',
    label: { en: 'User', 'zh-CN': '用户' },
    pluralLabel: { en: 'Users', 'zh-CN': '用户' },
    titleField: 'name',
    ownership: 'none',
    fields: {
      email: { type: 'email', label: { en: 'E-mail', 'zh-CN': '电子邮箱' }, required: true, unique: true },
      name: { type: 'text', label: { en: 'Name', 'zh-CN': '姓名' }, required: true, maxLength: 200 },
      password: { type: 'password', label: { en: 'Password', 'zh-CN': '密码' } },
      roles: { type: 'roles', label: { en: 'Roles', 'zh-CN': '角色' } },
      manager: { type: 'user', label: { en: 'Manager', 'zh-CN': '上级' } },
      team: { type: 'lookup', target: 'team', label: { en: 'Department', 'zh-CN': '部门' } },
      locale: { type: 'picklist', options: ['en', 'zh-CN'], label: { en: 'Language', 'zh-CN': '语言' } },
      active: { type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' }, default: true },
    },
  },
  {
    name: 'team',
    label: { en: 'Department', 'zh-CN': '部门' },
    pluralLabel: { en: 'Departments', 'zh-CN': '部门' },
    titleField: 'name',
    ownership: 'none',
    fields: {
      name: { type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, required: true, maxLength: 200 },
      parent: { type: 'lookup', target: 'team', label: { en: 'Parent department', 'zh-CN': '上级部门' } },
      manager: { type: 'user', label: { en: 'Manager', 'zh-CN': '负责人' } },
    },
  },
];

/** Entity names no layer may define: the system entities, and the runtime's own tables' prefix. */
export const isReservedEntityName = (name: string): boolean =>
  SYSTEM_ENTITIES.some((e) => e.name === name) || name.startsWith('tessera');
