import { createAppModel, type AppModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import type { Knex } from 'knex';
import { readCatalog } from '../../src/migrator/catalog';

/** An app of the given entities (the system entities user and team are always added). */
export const appOf = (...entities: EntityDefinition[]): AppModel =>
  createAppModel({ name: 'shop', entities: entities.map((definition) => ({ definition, origin: 'shop' })) });

/** An entity definition with a label. */
export const entity = (name: string, fields: EntityDefinition['fields'], extra: Partial<EntityDefinition> = {}): EntityDefinition =>
  ({ name, label: { en: name }, fields, ownership: 'none', ...extra });

/** The live columns of a table, as name -> "type [not null]". */
export async function columnsOf(knex: Knex, table: string): Promise<Record<string, string>> {
  const live = (await readCatalog(knex)).get(table);
  if (!live) throw new Error(`no table ${table}`);
  return Object.fromEntries([...live.columns.values()].map((c) => [c.name, `${c.type}${c.notNull ? ' not null' : ''}`]));
}

/** Inserts rows and answers their ids, in order. */
export async function insert(knex: Knex, table: string, rows: Array<Record<string, unknown>>): Promise<string[]> {
  const inserted = await knex(table).insert(rows).returning('id') as Array<{ id: string }>;
  return inserted.map((r) => r.id);
}
