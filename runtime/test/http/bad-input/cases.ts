/**
 * The bad-input catalogue of SECURITY.md §2 as HTTP cases, generated per entity and per field from the metadata. The
 * test app's entities are built by iterating the field type registry, so a new field type is covered without edits
 * here (or fails loudly when it needs an option this file does not know how to fill).
 */
import {
  createAppModel, createFormValidator, entityForm, fieldTypes, OPERATOR_NAMES, valueKinds,
  type AppModel, type EntityModel, type FieldModel, type FieldType,
} from '@tessera/core';
import { schemas, type EntityDefinition, type FieldDefinition } from '@tessera/metadata';

/** Which test file runs a case. */
export type Area = 'names' | 'values' | 'bodies' | 'ids';

/** What a case must answer. Every case also must not answer 5xx, and must not leak SQL, stacks or hashes. */
export type Expectation =
  /** A 4xx problem (one of these statuses when given); a refused write changes nothing. */
  | { readonly kind: 'refused'; readonly status?: readonly number[] }
  /** A 4xx, or 200 with no rows: the hostile value is taken literally and no record holds it. */
  | { readonly kind: 'refusedOrEmpty' }
  /** 200 with the page capped at this many rows and a next cursor. */
  | { readonly kind: 'capped'; readonly rows: number }
  /** 2xx (a control: the same request without the trick works). */
  | { readonly kind: 'ok' }
  /** A body value the published schema accepts: a 4xx that changes nothing, or 2xx storing exactly this value. */
  | { readonly kind: 'refusedOrStored'; readonly field: string; readonly value: unknown };

/** One request of the catalogue and what it must answer. */
export interface BadInputCase {
  readonly area: Area;
  /** The item of SECURITY.md §2 the case belongs to; test files run a section of an entity per test. */
  readonly section: Section;
  readonly entity: string;
  /** The field the case is about, when it is about one, and its type (coverage is asserted on it). */
  readonly field?: string;
  readonly fieldType?: string;
  readonly title: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path and query string, already percent-encoded. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body as sent, byte for byte; contentType undefined sends none. */
  readonly body?: { readonly text: string; readonly contentType?: string };
  readonly expect: Expectation;
}

/** The sections of SECURITY.md §2, grouped by the file that runs them. */
export const SECTIONS = {
  names: ['identifier tricks', 'relational hops', 'unknown keys and operators', 'paging and limits'],
  values: ['quotes and encodings', 'type confusion', 'LIKE metacharacters', 'lists and repeats'],
  bodies: ['mass assignment and keys', 'wrong-typed values', 'shape and content type'],
  ids: ['ids', 'If-Match'],
} as const;
export type Section = (typeof SECTIONS)[Area][number];

/** Records the cases refer to: one of each entity (updated once, so at version 2) and the users. */
export interface Seeds {
  readonly records: Readonly<Record<string, { readonly id: string; readonly version: number }>>;
  readonly adminId: string;
  /** Another user than the caller: "another tenant's owner" in mass assignment. */
  readonly otherUserId: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The test app, from the registry.

/** The entity every reference field of the all-types entity points to. */
const TARGET = 'account';
/** A field name of 63 bytes, PostgreSQL's identifier limit: a 64-byte name sharing its first 63 bytes must not match. */
export const LONGEST_NAME = `longname${'x'.repeat(55)}`;

/**
 * Values for the options a field type's metadata schema requires, by option name (not by type name). A new type with
 * a new required option fails `fieldDefinition` with the option's name, so this table is where to add it.
 */
const REQUIRED_OPTIONS: Readonly<Record<string, unknown>> = {
  options: ['alpha', 'beta', 'gamma'],
  target: TARGET,
  resultType: 'text',
  expression: 'UPPER(name)',
};

const schemaOf = (type: FieldType): { required?: string[] } => {
  const schema = schemas.find((s) => s.$id === type.schemaId);
  if (!schema) throw new Error(`no metadata schema ${type.schemaId}`);
  return schema as { required?: string[] };
};

/** A required field of a type, with the options its metadata schema requires. */
export function fieldDefinition(type: FieldType): FieldDefinition {
  const options = Object.fromEntries((schemaOf(type).required ?? []).filter((o) => o !== 'type').map((o) => {
    if (!Object.hasOwn(REQUIRED_OPTIONS, o)) throw new Error(`field type "${type.name}" requires option "${o}": add a value to REQUIRED_OPTIONS`);
    return [o, REQUIRED_OPTIONS[o]];
  }));
  return { type: type.name, required: true, ...options } as FieldDefinition;
}

/** The field a type gets in the all-types entity. */
export const fieldNameOf = (type: FieldType): string => `${type.name}Field`;

/**
 * The entities of the test app: `account` (a self-lookup), `item` (one required field of every type an app may use,
 * references to account) and `note` (a lookup to item, and a 63-byte field name), beside the system user and team.
 * Expanding note.item.lookupField.parent is three levels, one past the maximum.
 */
export function entityDefinitions(): EntityDefinition[] {
  const label = (en: string) => ({ en });
  const typed = Object.fromEntries(fieldTypes.values().filter((t) => !t.systemOnly).map((t) => [fieldNameOf(t), fieldDefinition(t)]));
  return [
    { name: 'account', label: label('Account'), fields: { name: { type: 'text', required: true }, parent: { type: 'lookup', target: 'account' } } },
    { name: 'item', label: label('Item'), fields: { name: { type: 'text', required: true, maxLength: 80 }, ...typed } },
    {
      name: 'note', label: label('Note'), titleField: 'title',
      fields: { title: { type: 'text', required: true }, item: { type: 'lookup', target: 'item' }, [LONGEST_NAME]: { type: 'text' } },
    },
  ];
}

/** The AppModel the bad-input suites run against. */
export const badInputApp: AppModel = createAppModel({
  name: 'bad-input',
  entities: entityDefinitions().map((definition) => ({ definition, origin: 'bad-input' })),
});

// ---------------------------------------------------------------------------------------------------------------
// Field facts, asked of the registry.

const typeOf = (field: FieldModel): FieldType => fieldTypes.get(field.type);
export const targetOf = (field: FieldModel): string | undefined => typeOf(field).target?.(field.definition as never);
/** Clients never write system fields, computed fields or fields marked readOnly. */
export const isReadOnly = (field: FieldModel): boolean => field.system || typeOf(field).computed || field.definition.readOnly === true;
const sortable = (field: FieldModel): boolean => typeOf(field).sortSql !== undefined;
/** Whether a list may test the field for presence (the filter and where controls do). */
const testable = (field: FieldModel): boolean => typeOf(field).operators.includes('$exists');
/** Whether clients read the field back: a write-only one (a password) is never returned. */
export const returned = (field: FieldModel): boolean => !typeOf(field).writeOnly;
const expandable = (field: FieldModel): boolean => targetOf(field) !== undefined && field.name !== 'id';
export const fieldsOf = (entity: EntityModel): FieldModel[] => entity.fieldNames.map((n) => entity.fields[n]!);

const ajv = createFormValidator();
const validators = new Map<string, (value: unknown) => boolean>();
const validatorOf = (schema: Record<string, unknown>): ((value: unknown) => boolean) => {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    const compiled = ajv.compile(schema);
    validators.set(key, (validate = (value) => compiled(value) as boolean));
  }
  return validate;
};

// Plain values tried in order; a type's sample is the first its own value schema accepts. None holds %, _ or \.
const CANDIDATES: readonly unknown[] = [
  'Sample', 'sample@example.com', 'https://example.com/sample', '+86 21 5555 0100', '2024-05-01', '2024-05-01T09:30:00.000Z',
  42, false, { sample: 1 },
];

/**
 * A valid value of a field: the seeded record of its target for references; otherwise the first option of an enum
 * or the first candidate the type's value schema accepts. Undefined when a reference's target has no record yet.
 */
export function sampleValue(field: FieldModel, seeds: Pick<Seeds, 'records'> & Partial<Seeds>): unknown {
  const target = targetOf(field);
  if (target) return seeds.records[target]?.id ?? (target === 'user' ? seeds.adminId : undefined);
  const schema = typeOf(field).valueSchema(field.definition as never, 'en', badInputApp);
  const items = schema.items as { enum?: unknown[] } | undefined;
  const options = [...(Array.isArray(schema.enum) ? [schema.enum[0]] : []), ...(items?.enum ? [[items.enum[0]]] : []), ...CANDIDATES];
  const validate = validatorOf(schema);
  const found = options.find((v) => validate(v));
  if (found === undefined) throw new Error(`no sample value for field type "${field.type}": add a candidate to CANDIDATES`);
  return found;
}

/** A body with a valid value for every writable field whose value is known (references to seeded records only). */
export function validBody(entity: EntityModel, seeds: Pick<Seeds, 'records'> & Partial<Seeds>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(entity)) {
    if (isReadOnly(field)) continue;
    const value = sampleValue(field, seeds);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

const formProperties = new WeakMap<AppModel, Map<string, Record<string, Record<string, unknown>>>>();

/** Whether the entity's published form schema accepts a value for a field (the oracle for body values). */
export function schemaAccepts(app: AppModel, entity: string, field: string, value: unknown): boolean {
  let byEntity = formProperties.get(app);
  if (!byEntity) formProperties.set(app, (byEntity = new Map()));
  let properties = byEntity.get(entity);
  if (!properties) {
    const schema = entityForm(app, entity, { locale: 'en', variant: 'create' }).schema as { properties: Record<string, Record<string, unknown>> };
    byEntity.set(entity, (properties = schema.properties));
  }
  return validatorOf(properties[field]!)(value);
}

/** A value as the API answers it, for comparing what was stored with what was sent. */
export function apiForm(field: FieldModel, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return valueKinds[typeOf(field).valueKind(field.definition as never)].normalize(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers to write requests.

const enc = encodeURIComponent;
/** A query string from pairs, each key and value percent-encoded. */
const query = (...pairs: ReadonlyArray<readonly [string, string]>): string => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
const json = (value: unknown): string => JSON.stringify(value);
/** A JSON object text from key/value-text pairs: keys may repeat, values are JSON texts spliced as they are. */
const objectText = (pairs: ReadonlyArray<readonly [string, string]>): string => `{${pairs.map(([k, v]) => `${json(k)}:${v}`).join(',')}}`;
const bodyPairs = (body: Record<string, unknown>): Array<[string, string]> => Object.entries(body).map(([k, v]) => [k, json(v)]);
const list = (entity: string) => `/api/records/${entity}`;

const refused: Expectation = { kind: 'refused' };
const refusedOrEmpty: Expectation = { kind: 'refusedOrEmpty' };
const ok: Expectation = { kind: 'ok' };

/** Cyrillic letters that look like Latin ones. */
const HOMOGLYPHS: Readonly<Record<string, string>> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у', i: 'і' };
const cyrillic = (name: string): string | undefined => {
  const i = [...name].findIndex((c) => HOMOGLYPHS[c]);
  return i < 0 ? undefined : name.slice(0, i) + HOMOGLYPHS[name[i]!]! + name.slice(i + 1);
};

/** The ways to misspell a real field name: case, a look-alike letter, a trailing space, 64+ bytes. */
function nameVariants(name: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (name.toUpperCase() !== name) out.push(['upper case', name.toUpperCase()]);
  const lookAlike = cyrillic(name);
  if (lookAlike) out.push(['Cyrillic look-alike', lookAlike]);
  out.push(['trailing space', `${name} `]);
  out.push(['64+ bytes', name.length >= 63 ? `${name}x` : `${name}${'x'.repeat(64 - name.length)}`]);
  return out;
}

/** A name in every place a list request takes field names. */
const namePlaces = (name: string): Array<[place: string, query: string]> => [
  ['filter', query(['filter', json({ [name]: { $exists: true } })])],
  ['where', query([`where[${name}][$exists]`, 'true'])],
  ['sort', query(['sort', name])],
  ['sort desc', query(['sort', `-${name}`])],
  ['fields', query(['fields', name])],
  ['expand', query(['expand', name])],
];

/** Names that are no field of any entity, whatever the metadata says. */
const NO_FIELD_NAMES = (title: string): string[] => [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ',
  `${title}"--`, `${title}) from users--`, `"${title}"`, `${title}::text`, `${title} collate "C"`, `${title};drop table x`,
  'x.*', '*', 'pg_catalog.pg_shadow.passwd', 'tessera_credentials.password_hash', '"r"."id"', 'r.id',
  '1', '0', 'random()', '(select 1)', 'id;drop table x', 'id.desc', `${title},__proto__`, `${title},`,
  'password_hash', 'passwordHash', 'password', 'salary', 'owner(*)', 'constructor.prototype', '__proto__.polluted',
  `${title}.length`, `${title}.__proto__`, '$where', 'createdBy.*', 'createdBy(*)',
];

/** Operators of other query languages; every field gets the first four, the title field all of them. */
const UNKNOWN_OPERATORS = ['$where', '$regex', '_eq', '$EQ', '$raw', '$like', '$ilike', '$expr', '$function', '$constructor', '$', '$eq '];

// ---------------------------------------------------------------------------------------------------------------
// Area 1: field names, unknown keys and operators, paging and limits.

function namesCases(app: AppModel, seeds: Seeds): BadInputCase[] {
  const out: BadInputCase[] = [];
  for (const entity of Object.values(app.entities)) {
    const e = entity.name;
    const title = entity.titleField;
    const add = (section: Section, title_: string, q: string, expect: Expectation, field?: FieldModel) =>
      out.push({ area: 'names', section, entity: e, ...(field ? { field: field.name, fieldType: field.type } : {}), title: title_, method: 'GET', path: `${list(e)}?${q}`, expect });

    for (const field of fieldsOf(entity)) {
      const f = field.name;
      // The control: the real name works where the registry says it may stand.
      for (const [place, q] of namePlaces(f)) {
        const works = place.startsWith('sort') ? sortable(field) : place === 'expand' ? expandable(field) : place === 'fields' ? returned(field) : testable(field);
        add('identifier tricks', `${f} as ${place} (control)`, q, works ? ok : refused, field);
      }
      for (const [how, name] of nameVariants(f)) {
        for (const [place, q] of namePlaces(name)) add('identifier tricks', `${f}, ${how}, as ${place}`, q, refused, field);
      }
      // Keys of other APIs' dialects: PostgREST (?name=eq.x), qs objects and arrays (name[$ne]=1, name[]=1).
      add('unknown keys and operators', `${f}=eq.x`, query([f, 'eq.x']), refused, field);
      add('unknown keys and operators', `${f}[$ne]=1`, query([`${f}[$ne]`, '1']), refused, field);
      add('unknown keys and operators', `${f}[]=1&${f}[]=2`, query([`${f}[]`, '1'], [`${f}[]`, '2']), refused, field);
      add('unknown keys and operators', `where[${f}][]=1`, query([`where[${f}][]`, '1']), refused, field);
      add('unknown keys and operators', `where[${f}][$exists]=maybe`, query([`where[${f}][$exists]`, 'maybe']), refused, field);
      for (const op of f === title ? UNKNOWN_OPERATORS : UNKNOWN_OPERATORS.slice(0, 4)) {
        add('unknown keys and operators', `where[${f}][${op}]`, query([`where[${f}][${op}]`, '1']), refused, field);
        add('unknown keys and operators', `filter ${f} ${op}`, query(['filter', json({ [f]: { [op]: '1' } })]), refused, field);
      }
      const sample = sampleValue(field, seeds);
      for (const op of OPERATOR_NAMES.filter((o) => !typeOf(field).operators.includes(o))) {
        add('unknown keys and operators', `filter ${f} ${op} (not an operator of ${field.type})`, query(['filter', json({ [f]: { [op]: sample } })]), refused, field);
      }
    }

    for (const name of NO_FIELD_NAMES(title)) {
      for (const [place, q] of namePlaces(name)) add('identifier tricks', `${JSON.stringify(name)} as ${place}`, q, refused);
    }

    // Relational hops: through every reference field, to fields that do not exist and to the credentials.
    const user = app.entities.user!;
    for (const field of fieldsOf(entity).filter((x) => targetOf(x))) {
      const target = app.entities[targetOf(field)!]!;
      for (const hop of ['password_hash', 'passwordHash', '__proto__', `${target.titleField}"--`]) {
        for (const [place, q] of namePlaces(`${field.name}.${hop}`)) add('relational hops', `${field.name}.${hop} as ${place}`, q, refused, field);
      }
      const real = `${field.name}.${target.titleField}`;
      add('relational hops', `${real} in filter (control)`, query(['filter', json({ [real]: { $exists: true } })]), ok, field);
      add('relational hops', `${real} in where (control)`, query([`where[${real}][$exists]`, 'true']), ok, field);
      for (const place of ['sort', 'fields']) add('relational hops', `${real} as ${place} (lists take own fields only)`, query([place, real]), refused, field);
    }
    // Paths past the limits: four hops in a filter, three levels of expand.
    const fourHops = `createdBy.createdBy.createdBy.createdBy.${user.titleField}`;
    add('relational hops', 'a filter path of four hops', query(['filter', json({ [fourHops]: 'x' })]), refused);
    add('relational hops', 'a where path of four hops', query([`where[${fourHops}]`, 'x']), refused);
    add('relational hops', 'a filter path of three hops (control)', query(['filter', json({ [`createdBy.createdBy.createdBy.${user.titleField}`]: { $exists: true } })]), ok);
    for (const chain of expandChains(app, entity, 3).slice(0, 3)) add('relational hops', `expand ${chain} (three levels)`, query(['expand', chain]), refused);
    for (const chain of expandChains(app, entity, 2).slice(0, 2)) add('relational hops', `expand ${chain} (control)`, query(['expand', chain]), ok);
    // Expanding users returns their fields, never the credentials (the leak check looks for the hash).
    const users = fieldsOf(entity).filter((x) => expandable(x) && targetOf(x) === 'user').map((x) => x.name);
    if (users.length) add('relational hops', `expand ${users.join(',')} (control, no hash)`, query(['expand', users.join(',')]), ok);

    const unknownKeys: Array<[string, string]> = [
      ['foo=bar', query(['foo', 'bar'])], ['_where', query(['_where', '1'])], ['or=(id.gt.0)', query(['or', '(id.gt.0)'])],
      ['filter[x][_raw]', query(['filter[x][_raw]', '1'])], ['filter[_or][0][id][_gt]', query(['filter[_or][0][id][_gt]', '0'])],
      ['PostgREST splicing', query(['q', 'books),or(visible.eq.false,title.ilike.%'])], ['search', query(['search', '@corp.com'])],
      ['groupBy', query(['groupBy', title])], ['aggregate[avg]', query(['aggregate[avg]', title])], ['select', query(['select', `owner(*)`])],
      ['order', query(['order', title])], ['where=1', query(['where', '1'])], ['where[]', query(['where[]', '1'])],
      ['__proto__[x]', query(['__proto__[x]', '1'])], ['constructor[prototype][x]', query(['constructor[prototype][x]', '1'])],
      ['Filter (case)', query(['Filter', '{}'])], ['filter  (trailing space)', query(['filter ', '{}'])], ['NUL in a key', `sort%00=${title}`],
      ['filter twice', query(['filter', '{}'], ['filter', '{}'])], ['sort twice', query(['sort', title], ['sort', title])],
      ['JSON filter $where', query(['filter', json({ $where: 'sleep(5)' })])], ['JSON filter top-level _or', query(['filter', json({ _or: [{ id: 1 }] })])],
      ['JSON filter $or not a list', query(['filter', json({ $or: {} })])], ['JSON filter empty $and', query(['filter', json({ $and: [] })])],
      ['JSON filter $not list', query(['filter', json({ $not: [] })])], ['JSON filter __proto__', query(['filter', '{"__proto__":{"$exists":true}}'])],
      ['JSON filter empty operators', query(['filter', json({ [title]: {} })])], ['JSON filter mixed keys', query(['filter', json({ [title]: { $eq: 'x', y: 1 } })])],
      ...['null', '[]', '"x"', '1', 'true', '{bad', '', ' '].map((t): [string, string] => [`filter=${t}`, query(['filter', t])]),
    ];
    for (const [name, q] of unknownKeys) add('unknown keys and operators', name, q, refused);

    // Paging: refused or capped, never a 5xx.
    for (const v of ['-1', '0', '1e9', 'NaN', '1.5', ' 1', '0x10', '', '99999999999999999999', 'Infinity']) add('paging and limits', `limit=${v}`, query(['limit', v]), refused);
    add('paging and limits', 'limit=1&limit=2', query(['limit', '1'], ['limit', '2']), refused);
    add('paging and limits', 'limit=100000 is capped', query(['limit', '100000']), e === TARGET ? { kind: 'capped', rows: 500 } : ok);
    for (const v of ['-5', '1e3', '99999999', '10001', 'abc']) add('paging and limits', `offset=${v}`, query(['offset', v]), refused);
    add('paging and limits', 'offset=10000 (control)', query(['offset', '10000']), ok);
    for (const v of ['abc', '%%%', 'W10', 'x'.repeat(5000)]) add('paging and limits', `cursor=${v.slice(0, 20)}`, query(['cursor', v]), refused);
    add('paging and limits', 'cursor with offset', query(['cursor', 'WyJ4Il0'], ['offset', '1']), refused);
    for (const v of ['exact', '1', 'TRUE', '']) add('paging and limits', `count=${v}`, query(['count', v]), refused);
    // Size: a thousand OR terms, 10,000 levels of nesting, a 100 KB URL.
    const terms = Array.from({ length: 1000 }, (_v, i) => ({ [title]: `v${i}` }));
    add('paging and limits', '1,000 OR terms', query(['filter', json({ $or: terms })]), refused);
    add('paging and limits', '10,000 levels of $not', query(['filter', `${'{"$not":'.repeat(10_000)}{}${'}'.repeat(10_000)}`]), refused);
    add('paging and limits', '10,000 levels of $and', query(['filter', `${'{"$and":['.repeat(10_000)}{}${']}'.repeat(10_000)}`]), refused);
    add('paging and limits', '10,000 levels of arrays', query(['filter', `${'['.repeat(10_000)}${']'.repeat(10_000)}`]), refused);
    add('paging and limits', 'a 100 KB unknown key', query(['x'.repeat(100_000), '1']), refused);
    add('paging and limits', 'a 100 KB where value', query([`where[${title}]`, 'a'.repeat(100_000)]), refusedOrEmpty);
    add('paging and limits', 'a 100 KB filter value', query(['filter', json({ [title]: 'a'.repeat(100_000) })]), refusedOrEmpty);
    add('paging and limits', '2,000 where parameters', Array.from({ length: 2000 }, (_v, i) => query([`where[${title}${i}]`, '1'])).join('&'), refused);
  }
  return out;
}

/** Dot paths of lookups (reference fields other than id) exactly `levels` deep from an entity. */
function expandChains(app: AppModel, entity: EntityModel, levels: number): string[] {
  if (levels === 0) return [''];
  return fieldsOf(entity).filter(expandable).flatMap((field) =>
    expandChains(app, app.entities[targetOf(field)!]!, levels - 1).map((rest) => (rest ? `${field.name}.${rest}` : field.name)));
}

// ---------------------------------------------------------------------------------------------------------------
// Area 2: filter values.

/** A hostile value for the bracket form: its label, its encoded text, and whether every field must refuse it. */
interface WhereValue { readonly label: string; readonly encoded: string; readonly strict?: boolean }
const plain = (label: string, text: string, strict = false): WhereValue => ({ label, encoded: enc(text), strict });
const encoded = (label: string, text: string, strict = false): WhereValue => ({ label, encoded: text, strict });

const QUOTES: WhereValue[] = [
  plain("' OR '1'='1", "' OR '1'='1"), plain('1;select pg_sleep(5)--', '1;select pg_sleep(5)--'), plain('$$', '$$'), plain('\\', '\\'),
  plain('"', '"'), plain('<script>', '<script>alert(1)</script>'), plain("') or true--", "') or true--"),
  encoded('NUL', '%00', true), encoded('a NUL b', 'a%00b', true), encoded('%C0%AF (overlong /)', '%C0%AF'), encoded('%FF', '%FF'),
  encoded('encoded lone surrogate', '%ED%A0%80'), plain('10 KB of text', 'z'.repeat(10_000)),
];
const CONFUSION: WhereValue[] = [
  plain('abc', 'abc'), plain('1e309', '1e309'), plain('9223372036854775808', '9223372036854775808'), plain('-9223372036854775809', '-9223372036854775809'),
  plain('0x10', '0x10'), plain('007', '007'), plain('1.0', '1.0'), plain('NaN', 'NaN'), plain('Infinity', 'Infinity'), plain('null', 'null'),
  plain('{}', '{}'), plain('[]', '[]'), plain('{"$ne":null}', '{"$ne":null}'), plain('2023-02-29', '2023-02-29'),
  plain('0000-01-01', '0000-01-01'), plain('2024-13-45T99:99:99Z', '2024-13-45T99:99:99Z'), plain('not quite a UUID', '00000000-0000-0000-0000-00000000000g'),
  plain('an unknown UUID', 'b1e1e1e1-0000-4000-8000-00000000beef'), plain('$user.id', '$user.id'), plain('$nope', '$nope'),
];
const LIKE: WhereValue[] = [plain('%', '%'), plain('_', '_'), plain('\\%', '\\%'), plain('%_%', '%_%'), plain('%%%%…a', `${'%'.repeat(60)}a`), plain('(a+)+$', '(a+)+$'), plain('[a-z]', '[a-z]')];

/**
 * Filter values as JSON texts: whether every field must refuse them, or may take them literally. Values that are
 * valid for some type and held by real rows (true, 1) are left out: they would match, as they should.
 */
const JSON_VALUES: ReadonlyArray<readonly [label: string, text: string, strict: boolean]> = [
  ['an object', '{"a":1}', true], ['an array', '[1,2]', true], ['an empty array', '[]', true], ['1e309', '1e309', true],
  ['9223372036854775808', '9223372036854775808', false], ['9007199254740993', '9007199254740993', false], ['-0', '-0', false],
  ['an empty string', '""', false], ["' OR '1'='1", json("' OR '1'='1"), false], ['NUL', '"\\u0000"', true],
  ['a lone surrogate', '"\\ud800"', true], ['"true"', '"true"', false], ['"0x10"', '"0x10"', false], ['"1e309"', '"1e309"', false],
  ['$gt an object', '{"$gt":{"a":1}}', true], ['$eq an operator', '{"$eq":{"$ne":null}}', true], ['$in not a list', '{"$in":"abc"}', true],
  ['$exists not a boolean', '{"$exists":"yes"}', true], ['$contains an object', '{"$contains":{"a":1}}', true],
  ['$startsWith %%%%…a', json({ $startsWith: `${'%'.repeat(60)}a` }), false], ['$in empty', '{"$in":[]}', false],
  ['$ne an unknown placeholder', '{"$ne":"$nope"}', true], ['$eq the hash prefix', json({ $eq: '$argon2id$' }), false],
];

function valuesCases(app: AppModel, seeds: Seeds): BadInputCase[] {
  const out: BadInputCase[] = [];
  for (const entity of Object.values(app.entities)) {
    for (const field of fieldsOf(entity)) {
      const f = field.name;
      const add = (section: Section, title: string, q: string, expect: Expectation) =>
        out.push({ area: 'values', section, entity: entity.name, field: f, fieldType: field.type, title, method: 'GET', path: `${list(entity.name)}?${q}`, expect });
      const where = (op: string | undefined, v: WhereValue) => `${enc(op ? `where[${f}][${op}]` : `where[${f}]`)}=${v.encoded}`;
      for (const v of QUOTES) add('quotes and encodings', `where[${f}]=${v.label}`, where(undefined, v), v.strict ? refused : refusedOrEmpty);
      for (const v of CONFUSION) add('type confusion', `where[${f}]=${v.label}`, where(undefined, v), refusedOrEmpty);
      // An empty value is null, which no row of a non-null field holds.
      if (field.required) {
        add('type confusion', `where[${f}]= (empty, field not null)`, where(undefined, plain('', '')), refusedOrEmpty);
        add('type confusion', `filter ${f} null (field not null)`, query(['filter', `{${json(f)}:null}`]), refusedOrEmpty);
      }
      for (const [label, text, strict] of JSON_VALUES) {
        add(strict ? 'type confusion' : 'quotes and encodings', `filter ${f} ${label}`, query(['filter', `{${json(f)}:${text}}`]), strict ? refused : refusedOrEmpty);
      }
      for (const v of LIKE) {
        for (const op of [undefined, '$contains', '$startsWith']) add('LIKE metacharacters', `where[${f}]${op ? `[${op}]` : ''}=${v.label}`, where(op, v), refusedOrEmpty);
      }
      add('LIKE metacharacters', `where[${f}][$regex]=(a+)+$`, where('$regex', plain('(a+)+$', '(a+)+$')), refused);
      // Lists: empty, 10,000 items (of a valid value, so only the limit can refuse them), repeated parameters.
      const sample = sampleValue(field, seeds);
      const item = typeof sample === 'string' ? sample : Array.isArray(sample) ? String(sample[0]) : json(sample);
      add('lists and repeats', `where[${f}][$in]= (empty)`, where('$in', plain('', '')), refusedOrEmpty);
      add('lists and repeats', `filter ${f} $in empty`, query(['filter', json({ [f]: { $in: [] } })]), refusedOrEmpty);
      add('lists and repeats', `where[${f}][$in]= 10,000 items`, where('$in', plain('10,000 items', Array(10_000).fill(item).join(','))), refused);
      add('lists and repeats', `filter ${f} $in 10,000 items`, query(['filter', json({ [f]: { $in: Array(10_000).fill(sample) } })]), refused);
      add('lists and repeats', `filter ${f} $nin 10,000 items`, query(['filter', json({ [f]: { $nin: Array(10_000).fill(sample) } })]), refused);
      add('lists and repeats', `where[${f}]=a&where[${f}]=b`, `${where(undefined, plain('a', 'a'))}&${where(undefined, plain('b', 'b'))}`, refused);
      add('lists and repeats', `where[${f}][$in] twice`, `${where('$in', plain('a', 'a'))}&${where('$in', plain('b', 'b'))}`, refused);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Area 3: bodies of create, update and bulk create.

type Mode = 'create' | 'patch' | 'bulk';
const MODES: readonly Mode[] = ['create', 'patch', 'bulk'];
const JSON_TYPE = 'application/json';

/** Body values as JSON texts, tried on every writable field; 100,000 levels of nesting must be refused by every field. */
const DEEP_ARRAYS = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const BODY_VALUES: ReadonlyArray<readonly [label: string, text: string]> = [
  ['an object', '{"a":1}'], ['an array', '[1]'], ['an empty array', '[]'], ['nested arrays', '[[]]'], ['true', 'true'], ['1', '1'], ['-1', '-1'],
  ['"1"', '"1"'], ['"1e400"', '"1e400"'], ['1e400', '1e400'], ['9007199254740993', '9007199254740993'], ['an empty string', '""'],
  ['300 characters', json('x'.repeat(300))], ['10,001 characters', json('x'.repeat(10_001))], ['null', 'null'], ['NUL', '"a\\u0000b"'],
  ['a lone surrogate', '"\\ud800"'], ['a __proto__ object', '{"__proto__":{"polluted":true}}'], ['2023-02-29', '"2023-02-29"'],
  ['0000-01-01', '"0000-01-01"'], ['javascript: URL', '"javascript:alert(1)"'], ['an unknown UUID', '"b1e1e1e1-0000-4000-8000-00000000beef"'],
  ['a repeated option', '["alpha","alpha"]'], ['an unknown option', '["nope"]'], ['100,000 levels of arrays', DEEP_ARRAYS],
];

function bodiesCases(app: AppModel, seeds: Seeds): BadInputCase[] {
  const out: BadInputCase[] = [];
  for (const entity of Object.values(app.entities)) {
    const e = entity.name;
    const base = validBody(entity, seeds);
    const seed = seeds.records[e]!;
    /** The request of a mode: the full base with the pairs for create and bulk, the pairs alone for an update. */
    const request = (mode: Mode, pairs: ReadonlyArray<readonly [string, string]>, withBase = true) => {
      const object = objectText(mode === 'patch' || !withBase ? pairs : [...bodyPairs(base), ...pairs]);
      return mode === 'patch'
        ? { method: 'PATCH' as const, path: `${list(e)}/${seed.id}`, text: object }
        : { method: 'POST' as const, path: mode === 'bulk' ? `${list(e)}/bulk` : list(e), text: mode === 'bulk' ? `{"records":[${object}]}` : object };
    };
    const add = (section: Section, mode: Mode, title: string, pairs: ReadonlyArray<readonly [string, string]>, expect: Expectation, field?: FieldModel, withBase = true) => {
      const r = request(mode, pairs, withBase);
      out.push({
        area: 'bodies', section, entity: e, ...(field ? { field: field.name, fieldType: field.type } : {}), title: `${mode}: ${title}`,
        method: r.method, path: r.path, body: { text: r.text, contentType: JSON_TYPE }, expect,
      });
    };
    const addRaw = (section: Section, mode: Mode, title: string, text: string, contentType: string | undefined, expect: Expectation = refused) => {
      const r = request(mode, []);
      out.push({ area: 'bodies', section, entity: e, title: `${mode}: ${title}`, method: r.method, path: r.path, body: { text, ...(contentType ? { contentType } : {}) }, expect });
    };

    for (const mode of MODES) {
      // Mass assignment: every read-only field, with a plausible value (another user's id for the user fields).
      for (const field of fieldsOf(entity).filter(isReadOnly)) {
        const value = targetOf(field) === 'user' ? seeds.otherUserId : field.name === 'id' ? 'b1e1e1e1-0000-4000-8000-00000000beef' : sampleValue(field, seeds);
        add('mass assignment and keys', mode, `read-only ${field.name}`, [[field.name, json(value)]], refused, field);
        add('mass assignment and keys', mode, `read-only ${field.name} null`, [[field.name, 'null']], refused, field);
      }
      // Unknown unless the entity has the field (the user's roles and password): its values are tried below.
      const unknownKeys = ['role', 'roles', 'isAdmin', 'tenantId', 'tenant_id', 'owner_id', 'created_by', 'approved_by', 'status', 'password', 'passwordHash', 'password_hash'];
      for (const key of unknownKeys.filter((k) => !Object.hasOwn(entity.fields, k))) {
        add('mass assignment and keys', mode, `unknown key ${key}`, [[key, key === 'roles' ? '["admin"]' : '"admin"']], refused);
      }
      const t = entity.titleField;
      for (const key of [`${t}" = 'x', "role`, 'a.b', `${t}.x`, '', ` ${t}`, `${t} `, t.toUpperCase(), cyrillic(t) ?? `${t}х`, 'constructor', '__proto__']) {
        add('mass assignment and keys', mode, `key ${JSON.stringify(key)}`, [[key, '"x"']], refused);
      }
      add('mass assignment and keys', mode, '__proto__ {isAdmin}', [['__proto__', '{"isAdmin":true}']], refused);
      add('mass assignment and keys', mode, 'constructor.prototype', [['constructor', '{"prototype":{"isAdmin":true}}']], refused);
      add('mass assignment and keys', mode, 'duplicate id keys', [['id', json(seed.id)], ['id', '"b1e1e1e1-0000-4000-8000-00000000beef"']], refused);
      add('mass assignment and keys', mode, 'duplicate role keys', [['role', '"user"'], ['role', '"admin"']], refused);

      for (const field of fieldsOf(entity).filter((x) => !isReadOnly(x))) {
        const f = field.name;
        for (const [label, text] of BODY_VALUES) {
          const value: unknown = JSON.parse(text);
          // Values the published schema refuses must be refused; the others may be stored, exactly as sent. JSON has
          // no infinity (1e400 parses to one) and nothing is nested 100,000 deep on purpose.
          const valid = text !== DEEP_ARRAYS && (typeof value !== 'number' || Number.isFinite(value)) && schemaAccepts(app, e, f, value);
          add('wrong-typed values', mode, `${f} = ${label}`, [[f, text]], valid ? { kind: 'refusedOrStored', field: f, value } : refused, field);
        }
        // JSON.parse keeps the last of duplicate keys: a valid value then an invalid one must be refused.
        const invalid = BODY_VALUES.find(([, text]) => text !== DEEP_ARRAYS && !schemaAccepts(app, e, f, JSON.parse(text)));
        if (invalid) add('mass assignment and keys', mode, `duplicate ${f}, the last ${invalid[0]}`, [[f, json(sampleValue(field, seeds))], [f, invalid[1]]], refused, field);
        if (field.required) add('wrong-typed values', mode, `${f} = null (required)`, [[f, 'null']], refused, field);
      }
    }

    // Shapes: an array where one object is expected, scalars, nothing, bulk abuse, size, nesting.
    const baseText = objectText(bodyPairs(base));
    for (const mode of MODES) {
      addRaw('shape and content type', mode, 'an array body', `[${baseText}]`, JSON_TYPE);
      for (const text of ['"x"', 'null', '123', 'true']) addRaw('shape and content type', mode, `body ${text}`, text, JSON_TYPE);
      addRaw('shape and content type', mode, 'malformed JSON', '{"a":', JSON_TYPE);
      // An empty JSON body reads as {}: refused where fields are required, a legitimate no-op update otherwise.
      if (mode !== 'patch') addRaw('shape and content type', mode, 'an empty body with a JSON type', '', JSON_TYPE);
      addRaw('shape and content type', mode, '100,000 levels of arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, JSON_TYPE);
      addRaw('shape and content type', mode, '100,000 levels of objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, JSON_TYPE);
      addRaw('shape and content type', mode, 'a body over the size limit', objectText([[entity.titleField, json('x'.repeat(1_100_000))]]), JSON_TYPE, { kind: 'refused', status: [413] });
      for (const [type, text] of [
        ['application/x-www-form-urlencoded', 'role=admin'], ['text/plain', baseText], [undefined, baseText], ['application/json; charset=latin1', baseText],
        ['multipart/form-data; boundary=x', '--x--'], ['application/xml', '<a/>'], ['application/json-patch+jsonx', baseText],
      ] as const) {
        addRaw('shape and content type', mode, `content type ${type ?? '(none)'}`, text, type, { kind: 'refused', status: [415] });
      }
    }
    const bulk = `${list(e)}/bulk`;
    const bulkCase = (title: string, text: string, expect: Expectation = refused) =>
      out.push({ area: 'bodies', section: 'shape and content type', entity: e, title: `bulk: ${title}`, method: 'POST', path: bulk, body: { text, contentType: JSON_TYPE }, expect });
    bulkCase('no records', '{"records":[]}');
    bulkCase('records an object', `{"records":${baseText}}`);
    bulkCase('records a string', '{"records":"x"}');
    bulkCase('allOrNothing a string', `{"records":[${baseText}],"allOrNothing":"no"}`);
    bulkCase('an extra key', `{"records":[${baseText}],"extra":1}`);
    bulkCase('a __proto__ key', `{"records":[${baseText}],"__proto__":{"allOrNothing":false}}`);
    bulkCase('a valid and a scalar record', `{"records":[${baseText},1]}`);
    bulkCase('a valid and a mass-assigning record', `{"records":[${baseText},${objectText([...bodyPairs(base), ['id', json(seed.id)]])}]}`);
    bulkCase('1,001 records', `{"records":[${Array(1001).fill('{}').join(',')}]}`);
    bulkCase('10,000 records', `{"records":[${Array(10_000).fill('{}').join(',')}]}`);
    bulkCase('10,000 valid records', `{"records":[${Array(10_000).fill(baseText).join(',')}]}`, { kind: 'refused', status: [400, 413] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Area 4: ids and If-Match.

const UNKNOWN_IDS = ['b1e1e1e1-0000-4000-8000-00000000beef', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'B1E1E1E1-0000-4000-8000-00000000BEEF'];
const MALFORMED_IDS = [
  'abc', '1', '-1', '9223372036854775808', '1%2F..%2Fusers', '..%2F..%2Fuser', '%2E%2E', '%00', '%C0%AF', '%FF', enc("' OR '1'='1"),
  '00000000-0000-0000-0000-00000000000g', '00000000-0000-0000-0000-0000000000000', `b1e1e1e1-0000-4000-8000-00000000beef${enc(' ')}`,
  `b1e1e1e1-0000-4000-8000-00000000beef${enc(';select 1')}`, 'x'.repeat(300), '__proto__', 'constructor', enc('{}'),
];

function idsCases(app: AppModel, seeds: Seeds): BadInputCase[] {
  const out: BadInputCase[] = [];
  for (const entity of Object.values(app.entities)) {
    const e = entity.name;
    const seed = seeds.records[e]!;
    const t = entity.fields[entity.titleField]!;
    const patch = { text: json({ [t.name]: sampleValue(t, seeds) }), contentType: JSON_TYPE };
    const add = (section: Section, title: string, method: BadInputCase['method'], path: string, expect: Expectation, headers?: Record<string, string>) =>
      out.push({ area: 'ids', section, entity: e, title, method, path, ...(method === 'PATCH' ? { body: patch } : {}), ...(headers ? { headers } : {}), expect });
    const neighbour = seed.id.slice(0, -1) + ((parseInt(seed.id.slice(-1), 16) + 1) % 16).toString(16);
    for (const id of [...UNKNOWN_IDS, neighbour]) {
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) add('ids', `${method} unknown id ${id}`, method, `${list(e)}/${id}`, { kind: 'refused', status: [404] });
      add('ids', `history of unknown id ${id}`, 'GET', `${list(e)}/${id}/history`, { kind: 'refused', status: [404] });
      for (const method of ['PATCH', 'DELETE'] as const) add('ids', `${method} unknown id ${id} with its If-Match`, method, `${list(e)}/${id}`, { kind: 'refused', status: [404] }, { 'If-Match': `"${id}:1"` });
    }
    for (const id of MALFORMED_IDS) {
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) add('ids', `${method} malformed id ${id.slice(0, 40)}`, method, `${list(e)}/${id}`, { kind: 'refused', status: [400, 404] });
      add('ids', `history of malformed id ${id.slice(0, 40)}`, 'GET', `${list(e)}/${id}/history`, { kind: 'refused', status: [400, 404] });
    }
    for (const [title, path] of [['an encoded slash in the entity', '/api/records/item%2F..%2Fuser'], ['a malformed entity', '/api/records/%C0%AF'], ['an unknown entity', '/api/records/tessera_credentials'], ['the __proto__ entity', '/api/records/__proto__']]) {
      add('ids', title!, 'GET', path!, { kind: 'refused', status: [400, 404] });
    }
    const other = Object.values(seeds.records).find((r) => r.id !== seed.id)!;
    const malformed = [
      `W/"${seed.id}:${seed.version}"`, `"${seed.id}"`, '*', `"${other.id}:${seed.version}"`, `${seed.id}:${seed.version}`, `"${seed.id}:0"`, `"${seed.id}:-1"`,
      `"${seed.id}:1.5"`, `"${seed.id}:01"`, `"${seed.id}:1e3"`, `"${seed.id}:2147483648"`, `"${seed.id}:99999999999"`,
      `"${seed.id}:${seed.version}", "${seed.id}:${seed.version}"`, '""', `"${seed.id}:${seed.version}' OR '1'='1"`, 'x'.repeat(2000),
    ];
    for (const value of malformed) {
      for (const method of ['PATCH', 'DELETE'] as const) add('If-Match', `${method} If-Match ${value.slice(0, 50)}`, method, `${list(e)}/${seed.id}`, { kind: 'refused', status: [400] }, { 'If-Match': value });
    }
    for (const method of ['PATCH', 'DELETE'] as const) {
      add('If-Match', `${method} with a stale If-Match`, method, `${list(e)}/${seed.id}`, { kind: 'refused', status: [412] }, { 'If-Match': `"${seed.id}:${seed.version - 1}"` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

const GENERATORS: Readonly<Record<Area, (app: AppModel, seeds: Seeds) => BadInputCase[]>> = {
  names: namesCases, values: valuesCases, bodies: bodiesCases, ids: idsCases,
};

/** Every case of an area (or of all areas) for an app whose records are the seeds. */
export function generateCases(app: AppModel, seeds: Seeds, area?: Area): BadInputCase[] {
  return (area ? [area] : (Object.keys(GENERATORS) as Area[])).flatMap((a) => GENERATORS[a](app, seeds));
}

/** Seeds with made-up ids, for counting and inspecting the cases without a database. */
export function fakeSeeds(app: AppModel): Seeds {
  const id = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
  return {
    records: Object.fromEntries(Object.keys(app.entities).map((name, i) => [name, { id: id(i), version: 2 }])),
    adminId: id(100),
    otherUserId: id(101),
  };
}
