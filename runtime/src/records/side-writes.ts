import { fieldStorage, type EntityModel, type FieldModel } from '@tessera/core';
import type { Knex } from 'knex';
import { run, type Row } from '../db/statement';
import type { RecordContext } from './operations';
import { sideStores } from './side-stores';
import { statementsFor } from './statements';

const cache = new WeakMap<EntityModel, readonly FieldModel[]>();

/** The entity's fields whose values live beside the record (a user's password and roles); none for most entities. */
function sideFields(entity: EntityModel): readonly FieldModel[] {
  let fields = cache.get(entity);
  if (!fields) cache.set(entity, (fields = entity.fieldNames.map((n) => entity.fields[n]!).filter((f) => fieldStorage(f) === 'side')));
  return fields;
}

const setIn = (entity: EntityModel, values: Row): FieldModel[] => sideFields(entity).filter((f) => Object.hasOwn(values, f.name));

/** The values with each side-stored one prepared for storing (a password hashed); call it before any transaction opens. */
export async function prepareSideValues(entity: EntityModel, values: Row): Promise<Row> {
  const fields = setIn(entity, values);
  if (!fields.length) return values;
  const prepared = await Promise.all(fields.map((f) => sideStores.get(f.type).prepare(values[f.name])));
  return { ...values, ...Object.fromEntries(fields.map((f, i) => [f.name, prepared[i]])) };
}

/**
 * Runs a record's write statement (answering the row it wrote, or nothing when it did not apply). When the values set
 * side-stored fields, the statement, their stores' writes and a re-read of the record (so that the answer shows them)
 * run in one transaction, and a failing side write undoes the row; otherwise the statement runs alone, as for any entity.
 */
export async function writeWithSideValues(
  db: Knex | Knex.Transaction, ctx: Pick<RecordContext, 'app' | 'values'>, entity: EntityModel, values: Row,
  write: (db: Knex | Knex.Transaction) => Promise<Row | undefined>,
): Promise<Row | undefined> {
  const fields = setIn(entity, values);
  if (!fields.length) return write(db);
  return db.transaction(async (trx) => {
    const row = await write(trx);
    if (!row) return undefined;
    for (const f of fields) await sideStores.get(f.type).write({ trx, recordId: row.id as string, value: values[f.name] });
    const { statement, bindings } = statementsFor(ctx.app, entity).select(ctx.values);
    return (await run(trx, statement, [row.id, ...bindings]))[0];
  });
}
