import type { Knex } from 'knex';

/** A column as the live database has it. */
export interface LiveColumn {
  readonly name: string;
  /** The type as format_type() spells it: "character varying(200)", "numeric(18,2)", "uuid", "text[]"... */
  readonly type: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
}

/** An index as the live database has it (constraint-backed ones included). */
export interface LiveIndex {
  readonly name: string;
  /** The key columns in order, then any other column its expressions read. */
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly primary: boolean;
  /** The index method: btree, gin... */
  readonly method: string;
  /** The index's expressions as PostgreSQL prints them, or null for a plain index over columns. */
  readonly expressions: string | null;
}

/** A foreign key as the live database has it. */
export interface LiveForeignKey {
  readonly name: string;
  readonly column: string;
  readonly table: string;
  readonly onDelete: 'restrict' | 'setNull' | 'cascade' | 'noAction';
}

/** A table of the current schema. */
export interface LiveTable {
  readonly name: string;
  readonly columns: ReadonlyMap<string, LiveColumn>;
  readonly indexes: readonly LiveIndex[];
  readonly foreignKeys: readonly LiveForeignKey[];
}

/** The live schema: every table of the current schema, by name. */
export type Catalog = ReadonlyMap<string, LiveTable>;

const ON_DELETE: Record<string, LiveForeignKey['onDelete']> = { r: 'restrict', n: 'setNull', c: 'cascade', a: 'noAction', d: 'setNull' };

/** Reads the tables, columns, indexes and foreign keys of the connection's current schema. */
export async function readCatalog(db: Knex | Knex.Transaction): Promise<Catalog> {
  const columns = (await db.raw(`
    select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null, a.atthasdef as has_default
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`)).rows as Array<{ table: string; name: string; type: string; not_null: boolean; has_default: boolean }>;
  const indexes = (await db.raw(`
    select t.relname as table, i.relname as name, ix.indisunique as unique, ix.indisprimary as primary, am.amname as method,
           pg_get_expr(ix.indexprs, ix.indrelid) as expressions,
           array(select a.attname::text from unnest(ix.indkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord) ||
           array(select a.attname::text from pg_depend d join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                 where ix.indexprs is not null and d.classid = 'pg_class'::regclass and d.objid = ix.indexrelid
                   and d.refobjsubid > 0 and d.refobjsubid <> all (ix.indkey) order by a.attnum) as columns
    from pg_index ix join pg_class t on t.oid = ix.indrelid join pg_class i on i.oid = ix.indexrelid
    join pg_am am on am.oid = i.relam join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relkind = 'r'`)).rows as Array<{ table: string; name: string; unique: boolean; primary: boolean; method: string; expressions: string | null; columns: string[] }>;
  const keys = (await db.raw(`
    select t.relname as table, con.conname as name, a.attname as column, r.relname as target, con.confdeltype as on_delete
    from pg_constraint con join pg_class t on t.oid = con.conrelid join pg_class r on r.oid = con.confrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_attribute a on a.attrelid = t.oid and a.attnum = con.conkey[1]
    where n.nspname = current_schema() and con.contype = 'f' and array_length(con.conkey, 1) = 1`)).rows as Array<{ table: string; name: string; column: string; target: string; on_delete: string }>;

  const tables = new Map<string, { name: string; columns: Map<string, LiveColumn>; indexes: LiveIndex[]; foreignKeys: LiveForeignKey[] }>();
  const table = (name: string) => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = { name, columns: new Map(), indexes: [], foreignKeys: [] }));
    return t;
  };
  for (const c of columns) table(c.table).columns.set(c.name, { name: c.name, type: c.type, notNull: c.not_null, hasDefault: c.has_default });
  for (const i of indexes) table(i.table).indexes.push({ name: i.name, columns: i.columns, unique: i.unique, primary: i.primary, method: i.method, expressions: i.expressions });
  for (const k of keys) table(k.table).foreignKeys.push({ name: k.name, column: k.column, table: k.target, onDelete: ON_DELETE[k.on_delete] ?? 'noAction' });
  return tables;
}
