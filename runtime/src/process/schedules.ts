import { conditionToSql, quoteIdent, aliasSource } from '@tessera/core';
import type { ProcessDefinition } from '@tessera/metadata';
import type { Knex } from 'knex';
import type { Jobs } from '../jobs/jobs';
import { positional, run } from '../db/statement';
import type { ProcessEngine } from './engine';
import { conditionAst } from './nodes/condition';
import { engineValues } from './record-access';
import { processesOn } from './triggers';

const PREFIX = 'tessera_schedule_';
// Records started per transaction: a tick over a large table commits as it goes, and a retried tick skips what it did.
const BATCH = 200;

/** Every scheduled process of the app. */
const scheduled = (engine: ProcessEngine) => Object.keys(engine.app.entities).flatMap((e) => processesOn(engine.app, e, 'schedule'));

/**
 * Puts each scheduled process on its cron (UTC; one tick across all instances) and takes its ticks on this instance;
 * schedules of processes no longer scheduled are removed.
 */
export async function startSchedules(engine: ProcessEngine, jobs: Jobs, db: Knex): Promise<void> {
  const wanted = scheduled(engine);
  for (const s of await jobs.schedules()) {
    if (s.name.startsWith(PREFIX) && !wanted.some((p) => PREFIX + p.name === s.name)) await jobs.schedule(s.name, null);
  }
  for (const process of wanted) {
    await jobs.schedule(PREFIX + process.name, process.trigger.cron!);
    await jobs.work(PREFIX + process.name, async (_data, job) => {
      await runTick(engine, db, process, job.id);
    });
  }
}

/**
 * A tick: an instance on every record the entry condition selects (compiled to SQL, the same AST as in memory). The
 * tick's job id is the trigger key, so a tick retried after a crash starts nothing twice.
 */
export async function runTick(engine: ProcessEngine, db: Knex, process: ProcessDefinition, tick: string): Promise<number> {
  const entity = engine.app.entities[process.entity]!;
  const where = process.entry
    ? conditionToSql(conditionAst({ engine, process }, entity.name, process.entry), { app: engine.app, alias: 'r', values: engineValues(engine.clock(), null), nextAlias: aliasSource('s') })
    : { sql: 'true', bindings: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  let started = 0;
  for (;;) {
    const text = `select r.id from ${quoteIdent(entity.table)} r where r.id > ? and (${where.sql}) order by r.id limit ${BATCH}`;
    const ids = (await run(db, { text: positional(text) }, [after, ...where.bindings])).map((r) => r.id as string);
    if (!ids.length) return started;
    await db.transaction(async (trx: Knex.Transaction) => {
      for (const id of ids) {
        if (await engine.start(trx, { process: process.name, recordId: id, trigger: 'schedule', triggerKey: tick, actor: null, submittedBy: null })) started++;
      }
    });
    after = ids.at(-1)!;
  }
}
