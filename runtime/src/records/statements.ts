import {
  aliasSource, fieldSql, fieldStorage, fieldTypes, isWriteOnly, joinSql, quoteIdent,
  type AppModel, type EntityModel, type FieldModel, type PlaceholderValues, type SqlFragment,
} from '@tessera/core';
import { positional, prepared, type Statement } from '../db/statement';
import { changesSql } from './history';
import type { RowScope } from './scope';

/** A statement to run with the caller's values, then the bindings its formulas (request-dependent) add. */
export interface BoundStatement {
  readonly statement: Statement;
  readonly bindings: readonly unknown[];
}

/** Builds a statement around the record's full select list and an extra row condition (" and ...", or ""). */
type Template = (columns: string, where: string) => string;

/** A statement of one entity, for a request's placeholder values, limited to a permission scope when one is given. */
type EntityStatement = (values: PlaceholderValues, scope?: RowScope) => BoundStatement;

/** An entity's hot statements, built once per AppModel. The row's alias is "r"; each lists its own "$n" values. */
export interface EntityStatements {
  /** The stored fields the insert is given values for (autonumbers take their column default), in order. */
  readonly inserted: readonly FieldModel[];
  /** The stored fields an update sets (all but id), in the order of its values. */
  readonly settable: readonly FieldModel[];
  /** Selects the record in the scope: (id). */
  readonly select: EntityStatement;
  /** Inserts the record and its history row, returning the record: (inserted values..., entity, user). */
  readonly insert: EntityStatement;
  /** Updates the record at a version and writes history, returning it: (id, settable values..., version, entity, user). */
  readonly update: EntityStatement;
  /** Deletes the record in the scope (at a version, or any when it is null) and writes history, returning it as it was: (id, version, entity, user). */
  readonly delete: EntityStatement;
  /** Selects the stored fields (no formulas) of the records with these ids: (ids). */
  readonly selectStored: Statement;
  /**
   * Inserts records and their history rows, returning their stored fields (or, without `whole`, their ids): (an array
   * of each inserted field's values, as insertManyValues gives them, ..., entity, user).
   */
  insertMany(whole: boolean): Statement;
}

const cache = new WeakMap<AppModel, Map<string, EntityStatements>>();

/** The hot statements of an entity for this AppModel; computed on first use, then reused for every request. */
export function statementsFor(app: AppModel, entity: EntityModel): EntityStatements {
  let byEntity = cache.get(app);
  if (!byEntity) cache.set(app, (byEntity = new Map()));
  let s = byEntity.get(entity.name);
  if (!s) byEntity.set(entity.name, (s = build(app, entity)));
  return s;
}

// Fields whose change alone is no news in an update's history: every update changes them.
const UPDATE_NOISE = ['version', 'updatedAt', 'updatedBy'];

const HISTORY = 'insert into tessera_history (entity, record_id, action, changes, user_id)';

const NO_SQL: SqlFragment = { sql: '', bindings: [] };

/** "$first", "$first+1", ... for n values. */
const params = (first: number, n: number) => Array.from({ length: n }, (_v, i) => `$${first + i}`);

const columnType = (f: FieldModel) => fieldTypes.get(f.type).column(f.definition as never)!.sqlType;

/** The values insertMany takes for records: an array per inserted field, each value as the column takes it. */
export function insertManyValues(fields: readonly FieldModel[], records: readonly Readonly<Record<string, unknown>>[]): unknown[][] {
  return fields.map((f) => {
    const type = columnType(f);
    return records.map((r) => {
      const value = r[f.name];
      if (value === undefined || value === null) return null;
      return type === 'jsonb' || type === 'text[]' ? JSON.stringify(value) : value;
    });
  });
}

function build(app: AppModel, entity: EntityModel): EntityStatements {
  const fields = entity.fieldNames.map((n) => entity.fields[n]!);
  const stored = fields.filter((f) => fieldTypes.get(f.type).column(f.definition as never));
  // Read through an SQL expression (formulas, a user's roles); a write-only field (a password) is never read.
  const virtual = fields.filter((f) => !stored.includes(f) && !isWriteOnly(f));
  // Side-stored values (a user's roles) are written after the statement that audits the row, which cannot see them change.
  const unaudited = fields.filter((f) => fieldStorage(f) === 'side').map((f) => f.name);
  const settable = stored.filter((f) => f.name !== 'id');
  const inserted = stored.filter((f) => !fieldTypes.get(f.type).column(f.definition as never)!.autonumber);
  const table = `${quoteIdent(entity.table)} as "r"`;
  const storedColumns = stored.map((f) => `"r".${quoteIdent(f.column)} as ${quoteIdent(f.name)}`).join(', ');
  const n = inserted.length;
  const m = settable.length;
  const select: Template = (columns, where) => `select ${columns} from ${table} where "r"."id" = $1${where}`;
  const insert: Template = (columns) =>
    `with "saved" as (insert into ${table} (${inserted.map((f) => quoteIdent(f.column)).join(', ')}) values (${params(1, n).join(', ')}) returning ${columns}),
      "h" as (${HISTORY} select $${n + 1}, "saved"."id", 'create', ${changesSql(null, '"saved"', unaudited)}, $${n + 2}::uuid from "saved")
    select * from "saved"`;
  // "old" is the row as the statement's snapshot sees it; the version check guarantees it is the row replaced.
  const update: Template = (columns) =>
    `with "old" as (select ${columns} from ${table} where "r"."id" = $1),
      "saved" as (update ${table} set ${settable.map((f, i) => `${quoteIdent(f.column)} = $${i + 2}`).join(', ')} where "r"."id" = $1 and "r"."version" = $${m + 2} returning ${columns}),
      "h" as (${HISTORY} select $${m + 3}, "saved"."id", 'update', ${changesSql('"old"', '"saved"', [...UPDATE_NOISE, ...unaudited])}, $${m + 4}::uuid from "saved", "old")
    select * from "saved"`;
  const remove: Template = (columns, where) =>
    `with "old" as (delete from ${table} where "r"."id" = $1 and ($2::int is null or "r"."version" = $2)${where} returning ${columns}),
      "h" as (${HISTORY} select $3, "old"."id", 'delete', ${changesSql('"old"', null, unaudited)}, $4::uuid from "old")
    select * from "old"`;
  // Each column's values come as one array, unnested into rows: a small statement, prepared once, whatever the batch's
  // size (a VALUES list of 500 rows took longer to parse and bind than to run). Lists travel as JSON (unnest would
  // flatten an array of arrays), as JSON values do.
  const unnested = inserted.map((f, i) => {
    const type = columnType(f);
    const param = `$${i + 1}::${type === 'jsonb' || type === 'text[]' || type === 'varchar' ? 'text' : type}[]`;
    const value = `"u"."c${i}"`;
    return { param, value: type === 'jsonb' ? `${value}::jsonb` : type === 'text[]' ? `case when ${value} is null then null else array(select jsonb_array_elements_text(${value}::jsonb)) end` : value };
  });
  const insertMany = (whole: boolean): Statement => prepared(
    `with "saved" as (insert into ${table} (${inserted.map((f) => quoteIdent(f.column)).join(', ')})
        select ${unnested.map((u) => u.value).join(', ')} from unnest(${unnested.map((u) => u.param).join(', ')}) as "u"(${unnested.map((_u, i) => `"c${i}"`).join(', ')})
        returning ${storedColumns}),
      "h" as (${HISTORY} select $${n + 1}, "saved"."id", 'create', ${changesSql(null, '"saved"', unaudited)}, $${n + 2}::uuid from "saved")
    select ${whole ? '*' : '"id"'} from "saved"`, app.hash);
  const insertManyWhole = insertMany(true);
  const insertManyIds = insertMany(false);
  const callerValues = { select: 1, insert: n + 2, update: m + 4, delete: 4 };
  // Without formulas, the text depends on the scope's shape only: one prepared statement per scope key.
  const bound = (template: Template, first: number): EntityStatement => {
    const named = new Map<string, Statement>();
    return (values, scope) => {
      const where = scope?.sql({ app, alias: 'r', values, nextAlias: aliasSource('p') });
      const scoped = (columns: SqlFragment) => (where ? ` and ${positional(where.sql, first + columns.bindings.length)}` : '');
      if (!virtual.length) {
        const key = scope?.key ?? '';
        let statement = named.get(key);
        if (!statement) named.set(key, (statement = prepared(template(storedColumns, scoped(NO_SQL)), app.hash)));
        return { statement, bindings: where?.bindings ?? [] };
      }
      const columns = withFormulas(app, storedColumns, virtual, values);
      return { statement: { text: template(positional(columns.sql, first), scoped(columns)) }, bindings: [...columns.bindings, ...(where?.bindings ?? [])] };
    };
  };
  return {
    inserted, settable,
    select: bound(select, callerValues.select + 1),
    insert: bound(insert, callerValues.insert + 1),
    update: bound(update, callerValues.update + 1),
    delete: bound(remove, callerValues.delete + 1),
    selectStored: prepared(`select ${storedColumns} from ${table} where "r"."id" = any($1::uuid[])`, app.hash),
    insertMany: (whole) => (whole ? insertManyWhole : insertManyIds),
  };
}

/** The full select list of a record: stored columns, then formulas for this request's placeholder values ($today). */
function withFormulas(app: AppModel, columns: string, virtual: readonly FieldModel[], values: PlaceholderValues): SqlFragment {
  const ctx = { app, alias: 'r', values, nextAlias: aliasSource('v') };
  const formulas = virtual.map((f) => {
    const expr = fieldSql(f, ctx);
    return { sql: `${expr.sql} as ${quoteIdent(f.name)}`, bindings: expr.bindings };
  });
  return joinSql([{ sql: columns, bindings: [] }, ...formulas], ', ');
}
