import { evaluateCondition, type AppModel, type EntityModel } from '@tessera/core';
import type { ProcessDefinition } from '@tessera/metadata';
import type { Knex } from 'knex';
import type { Row } from '../db/statement';
import { withLookups } from '../records/with-lookups';
import { conditionAst } from './nodes/condition';
import type { ProcessEngine } from './engine';
import { engineValues, readSystemRecord } from './record-access';

/** The processes of an entity that a trigger starts, in name order (the order submit tries them in). */
export function processesOn(app: AppModel, entity: string, trigger: ProcessDefinition['trigger']['on']): ProcessDefinition[] {
  return Object.values(app.processes).filter((p) => p.entity === entity && p.trigger.on === trigger).sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a process's entry condition holds for a record (no condition always holds), reading through lookups. */
export async function entryHolds(engine: ProcessEngine, trx: Knex.Transaction, process: ProcessDefinition, record: Row, actor: string | null): Promise<boolean> {
  if (!process.entry) return true;
  const ast = conditionAst({ engine, process }, process.entity, process.entry);
  const now = engine.clock();
  return withLookups(engine.app, engineValues(now, actor), (e, id) => readSystemRecord(engine, trx, e, id, now), (ctx) => evaluateCondition(ast, record, ctx));
}

/** Whether an update changed one of the fields an update trigger names (any field when it names none). */
export function changedWatched(process: ProcessDefinition, entity: EntityModel, before: Row, after: Row): boolean {
  const fields = process.trigger.fields ?? entity.fieldNames.filter((f) => !entity.fields[f]!.system);
  return fields.some((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}
