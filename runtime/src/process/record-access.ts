import { isUuid, permissionsFor, ADMIN_ROLE, type EvalContext, type PlaceholderValues, type RecordData } from '@tessera/core';
import type { Knex } from 'knex';
import type { Row } from '../db/statement';
import { run } from '../db/statement';
import type { RecordContext } from '../records/operations';
import { apiRecord } from '../records/serialize';
import { statementsFor } from '../records/statements';
import { withLookups } from '../records/with-lookups';
import type { ProcessEngine } from './engine';
import type { ProcessTx } from './model';

/** Placeholder values for the engine's evaluations: the acting user ($user.id) when one acts, and the engine's clock. */
export function engineValues(now: Date, actor: string | null): PlaceholderValues {
  return { now, today: now.toISOString().slice(0, 10), ...(actor ? { user: { id: actor, teamIds: [], subordinateIds: [] } } : {}) };
}

/**
 * The record context the engine writes with: the transaction, every permission (the process, not the person who
 * happened to trigger it, decides what it changes; history still names that person), read-only fields writable, no
 * hooks, so its own writes pass the lock it holds and start no further processes, and duplicate warnings passed (nobody
 * is there to confirm one; block rules still refuse).
 */
export function systemContext(engine: ProcessEngine, trx: Knex.Transaction, actor: string | null, now: Date): RecordContext {
  return {
    db: trx, app: engine.app, userId: actor, locale: engine.app.defaultLocale, values: engineValues(now, actor),
    permissions: permissionsFor(engine.app, [ADMIN_ROLE]), writesReadOnly: true, duplicates: 'allowWarnings',
  };
}

/** A record (every field, formulas included) read in the transaction, or undefined when it is gone. */
export async function readSystemRecord(engine: ProcessEngine, trx: Knex.Transaction, entity: string, id: string, now: Date): Promise<Row | undefined> {
  const model = engine.app.entities[entity];
  if (!model || !isUuid(id)) return undefined;
  const { statement, bindings } = statementsFor(engine.app, model).select(engineValues(now, null));
  const row = (await run(trx, statement, [id, ...bindings]))[0];
  return row && apiRecord(model, row);
}

/**
 * The instance's record as it stands, read once per transaction when a step first needs it (a vote that does not
 * settle its step never does). Deleting a record cancels its instances, so it is there; an id alone stands in otherwise.
 */
export async function currentRecord(px: ProcessTx): Promise<Row> {
  px.record ??= (await readSystemRecord(px.engine, px.trx, px.instance.entity, px.instance.recordId, px.now)) ?? { id: px.instance.recordId };
  return px.record;
}

/** Evaluates something over the instance's record in memory, reading the records its lookups point to as needed. */
export async function evaluateOnRecord<T>(px: ProcessTx, evaluate: (record: RecordData, ctx: EvalContext) => T): Promise<T> {
  const record = await currentRecord(px);
  return withLookups(px.engine.app, engineValues(px.now, px.actor), (entity, id) => readSystemRecord(px.engine, px.trx, entity, id, px.now), (ctx) => evaluate(record, ctx));
}
