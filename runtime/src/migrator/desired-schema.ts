import { fieldTypes, type AppModel, type ColumnSpec, type EntityModel, type FieldModel } from '@tessera/core';
import { autonumberDefault, sequenceName } from './autonumber';
import { derivedIndexes } from './derived-indexes';
import { foreignKeyName, identifier, indexName } from './names';

/** A column the model wants. */
export interface DesiredColumn {
  readonly name: string;
  /** The type as format_type() spells it, so it compares with the live catalog as text. */
  readonly type: string;
  readonly notNull: boolean;
  /** SQL of the column default, for system columns and autonumbers. */
  readonly default?: string;
  /** The sequence an autonumber column draws from, created before the column. */
  readonly sequence?: { readonly name: string; readonly start: number };
  readonly primaryKey?: boolean;
  readonly field: FieldModel;
}

/** An index the model wants: over columns, or over an SQL function of each (a search vector). */
export interface DesiredIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** The index method, when not btree. */
  readonly method?: 'gin';
  /** The function indexed for each column, in order (the column's value itself when missing). */
  readonly functions?: readonly string[];
}

/** A table the model wants. */
export interface DesiredTable {
  readonly name: string;
  readonly entity: EntityModel;
  readonly columns: readonly DesiredColumn[];
  readonly indexes: readonly DesiredIndex[];
  readonly foreignKeys: ReadonlyArray<{ readonly name: string; readonly column: string; readonly table: string; readonly onDelete: 'restrict' | 'setNull' | 'cascade' }>;
}

/** The SQL type of a column spec, spelled as format_type() prints it. */
export function sqlType(spec: ColumnSpec): string {
  const spelled: Record<ColumnSpec['sqlType'], string> = {
    varchar: `character varying(${spec.length ?? 255})`,
    numeric: `numeric(${spec.precision ?? 18},${spec.scale ?? 4})`,
    timestamptz: 'timestamp with time zone',
    text: 'text', integer: 'integer', bigint: 'bigint', boolean: 'boolean', date: 'date', jsonb: 'jsonb', uuid: 'uuid', 'text[]': 'text[]',
  };
  return spelled[spec.sqlType];
}

/** Defaults the runtime relies on for system columns. */
const SYSTEM_DEFAULTS: Record<string, string> = { id: 'gen_random_uuid()', version: '1', createdAt: 'now()', updatedAt: 'now()' };

/** Every table, column, index and foreign key the AppModel wants, derived from the field registry's column specs. */
export function desiredSchema(app: AppModel): Map<string, DesiredTable> {
  const tables = new Map<string, DesiredTable>();
  for (const entity of Object.values(app.entities)) {
    const columns: DesiredColumn[] = [];
    const indexes: DesiredIndex[] = [];
    const foreignKeys: Array<DesiredTable['foreignKeys'][number]> = [];
    for (const name of entity.fieldNames) {
      const field = entity.fields[name]!;
      const spec = fieldTypes.get(field.type).column(field.definition as never);
      if (!spec) continue;
      const primaryKey = field.system && name === 'id';
      const def = field.system ? SYSTEM_DEFAULTS[name] : undefined;
      const sequence = spec.autonumber && { name: sequenceName(entity.table, field.column), start: spec.autonumber.start };
      columns.push({
        name: field.column, type: sqlType(spec), notNull: spec.notNull || primaryKey, field,
        ...(primaryKey ? { primaryKey } : {}),
        ...(def ? { default: def } : {}),
        ...(sequence ? { sequence, default: autonumberDefault(spec.autonumber!.format, sequence.name) } : {}),
      });
      if (spec.references && !primaryKey) {
        const target = app.entities[spec.references.entity]!;
        foreignKeys.push({ name: foreignKeyName(entity.table, field.column), column: field.column, table: target.table, onDelete: spec.references.onDelete });
        indexes.push({ name: indexName(entity.table, [field.column], false), columns: [field.column], unique: false });
      }
      if ((field.definition as { unique?: boolean }).unique) indexes.push({ name: indexName(entity.table, [field.column], true), columns: [field.column], unique: true });
    }
    for (const index of entity.indexes) {
      const cols = index.fields.map((f) => entity.fields[f]!.column);
      const name = index.name ? identifier(`${entity.table}_${index.name}`) : indexName(entity.table, cols, index.unique);
      if (!indexes.some((i) => i.name === name)) indexes.push({ name, columns: cols, unique: index.unique });
    }
    indexes.push(...derivedIndexes(entity));
    tables.set(entity.table, { name: entity.table, entity, columns, indexes, foreignKeys });
  }
  return tables;
}
