import { schemas } from '@tessera/metadata';
import { Registry, RegistryError } from '../registry';
import { builtinFieldTypes, fieldTypes } from './builtins';
import { valueKinds } from './value-kinds';

const schemaIds = new Set(schemas.map((s) => s.$id));

test('the registry holds every built-in type, in order, under its own name', () => {
  expect(fieldTypes.keys()).toEqual([
    'text', 'longText', 'richText', 'email', 'phone', 'url', 'integer', 'decimal', 'currency', 'percent', 'boolean',
    'date', 'datetime', 'picklist', 'multiPicklist', 'lookup', 'masterDetail', 'user', 'json', 'autonumber', 'formula',
    'password', 'roles',
  ]);
  for (const [name, type] of Object.entries(builtinFieldTypes)) expect(type.name).toBe(name);
});

test.each(fieldTypes.keys())('%s names an existing metadata schema', (name) => {
  const type = fieldTypes.get(name);
  expect(schemaIds.has(type.schemaId)).toBe(true);
  expect(typeof type.compare).toBe('function');
});

test('an unknown type is refused with the known names', () => {
  expect(() => fieldTypes.get('money')).toThrow(RegistryError);
  expect(() => fieldTypes.get('money')).toThrow(/unknown field type "money"; known: text, longText, richText, .*, formula, password, roles$/);
  expect(fieldTypes.find('money')).toBeUndefined();
  expect(fieldTypes.has('money')).toBe(false);
});

test('a type registered twice is refused', () => {
  const text = fieldTypes.get('text');
  expect(() => new Registry('field type', [['text', text], ['text', text]])).toThrow('field type "text" is already registered');
  expect(() => fieldTypes.register('text', text)).toThrow(RegistryError);
});

// Without a column: formulas are computed on read; passwords and roles live beside the user, in the runtime's tables.
const COLUMNLESS = ['formula', 'password', 'roles'];

test('every type but the column-less ones has a column, and every type a known value kind', () => {
  for (const name of fieldTypes.keys().filter((n) => n !== 'formula')) {
    const type = fieldTypes.get(name);
    expect(valueKinds).toHaveProperty(type.valueKind({ type: name, options: ['a'], target: 'x' } as never));
    expect(type.column({ type: name, options: ['a'], target: 'x' } as never) === undefined).toBe(COLUMNLESS.includes(name));
  }
});
