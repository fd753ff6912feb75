import { fieldTypes, type EntityModel, type MatchKey } from '@tessera/core';
import type { DerivedIndexes, SqlFunction } from '../migrator/derived-indexes';
import { identifier } from '../migrator/names';

/** The match keys of every field type that has one: the SQL functions normalized rules index and look up by. */
export const matchKeys = (): MatchKey[] => [...new Set(fieldTypes.values().flatMap((t) => (t.matchKey ? [t.matchKey] : [])))];

/** The name of a duplicate rule's index. */
export const duplicateIndexName = (table: string, rule: string): string => identifier(`${table}_${rule}_dup`);

/**
 * One btree index per duplicate rule over its fields in order, each field by its value (exact) or by its type's match
 * key (normalized), so that looking up a record's duplicates reads the index, not the table.
 */
export const duplicateIndexes: DerivedIndexes = {
  functions: matchKeys().map((k): SqlFunction => ({ name: k.sqlFunction, sql: k.sql })),
  indexes: (entity: EntityModel) => entity.duplicateRules.map((rule) => {
    const fields = rule.fields.map((f) => entity.fields[f.field]!);
    const functions = rule.fields.map((f, i) => (f.match === 'normalized' ? fieldTypes.get(fields[i]!.type).matchKey!.sqlFunction : ''));
    return {
      name: duplicateIndexName(entity.table, rule.name), columns: fields.map((f) => f.column), unique: false,
      ...(functions.some(Boolean) ? { functions } : {}),
    };
  }),
};
