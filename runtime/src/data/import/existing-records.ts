import { fieldTypes, quoteIdent, storesText, type EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import { run, type Row } from '../../db/statement';
import type { RecordContext } from '../../records/operations';
import { apiRecord } from '../../records/serialize';
import { statementsFor } from '../../records/statements';

/** A key's values as one text, for comparing a line's key with a record's (JSON keeps types and separators apart). */
export const keyText = (record: Readonly<Record<string, unknown>>, key: readonly string[]): string | undefined => {
  const values = key.map((k) => record[k]);
  return values.some((v) => v === null || v === undefined || v === '') ? undefined : JSON.stringify(values);
};

/**
 * The stored records matching the keys of a batch's lines (by key text), read whatever the caller may see: an upsert
 * must find the record its key names, and prepareUpdate then decides whether the caller may change it. Two
 * statements: the ids by key, then the records by id.
 */
export async function existingRecords(db: Knex | Knex.Transaction, ctx: RecordContext, entity: EntityModel, key: readonly string[], lines: readonly Row[]): Promise<Map<string, Row>> {
  const wanted = lines.filter((l) => keyText(l, key) !== undefined);
  if (!wanted.length) return new Map();
  // Each key column is compared with an array of its values as text, paired by position through unnest and cast back
  // to the column's type, so the unique index on the columns serves the join.
  const pairs = key.map((k, i) => {
    const field = entity.fields[k]!;
    return `"r".${quoteIdent(field.column)} = "k"."c${i}"${storesText(field) ? '' : `::${fieldTypes.get(field.type).column(field.definition as never)!.sqlType}`}`;
  }).join(' and ');
  const arrays = key.map((k) => wanted.map((l) => String(l[k])));
  const ids = (await db.raw(
    `select distinct "r"."id" from ${quoteIdent(entity.table)} as "r" join unnest(${key.map(() => '?::text[]').join(', ')}) as "k"(${key.map((_k, i) => `"c${i}"`).join(', ')}) on ${pairs}`,
    arrays,
  )).rows.map((r: { id: string }) => r.id) as string[];
  if (!ids.length) return new Map();
  const rows = await run(db, statementsFor(ctx.app, entity).selectStored, [ids]);
  const out = new Map<string, Row>();
  for (const row of rows) {
    const record = apiRecord(entity, row);
    out.set(keyText(record, key)!, record);
  }
  return out;
}
