import type { AppModel, EntityModel } from '@tessera/core';
import { fieldTypes } from '@tessera/core';
import type { Knex } from 'knex';
import { sqlType } from '../../src/migrator/desired-schema';

/**
 * Creates plain tables for a model's entities from the field registry's column specs, without foreign keys, so
 * SQL-backed tests can insert any rows. (The migrator is the real thing; this is test scaffolding only.)
 */
export async function createTables(knex: Knex, app: AppModel, entities: readonly string[]): Promise<void> {
  for (const name of entities) {
    const entity = app.entities[name]!;
    await knex.schema.dropTableIfExists(entity.table);
    await knex.schema.createTable(entity.table, (table) => {
      for (const field of Object.values(entity.fields)) {
        const spec = fieldTypes.get(field.type).column(field.definition as never);
        if (!spec) continue;
        table.specificType(field.column, sqlType(spec));
      }
    });
  }
}

/** Inserts records (camelCase keys) into an entity's table. */
export async function insertRecords(knex: Knex, entity: EntityModel, records: readonly Record<string, unknown>[]): Promise<void> {
  const rows = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => {
    const field = entity.fields[k]!;
    return [field.column, v !== null && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : v];
  })));
  for (let i = 0; i < rows.length; i += 500) await knex(entity.table).insert(rows.slice(i, i + 500));
}
