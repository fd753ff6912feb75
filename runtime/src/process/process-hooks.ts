import { quoteIdent, type AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import { prepared, run } from '../db/statement';
import type { RecordHooks, RecordWrite } from '../records/hooks';
import { RecordError } from '../records/record-error';
import type { ProcessEngine } from './engine';
import { changedWatched, entryHolds, processesOn } from './triggers';
import { runningOn } from './store';

/**
 * How record writes meet processes: an edit of a record an instance locks is refused (409), a create or an update
 * starts the processes it triggers (in the write's transaction), and deleting a record cancels its instances.
 * Entities no process runs on are not watched, so their writes stay one statement.
 */
export class ProcessHooks implements RecordHooks {
  private readonly watched: Set<string>;
  private readonly lockable = new Map<string, ReturnType<typeof prepared>>();

  constructor(private readonly engine: ProcessEngine, app: AppModel) {
    this.watched = new Set(Object.values(app.processes).map((p) => p.entity));
    for (const p of Object.values(app.processes)) {
      const entity = app.entities[p.entity];
      if (!p.lockRecord || !entity || this.lockable.has(p.entity)) continue;
      // Locking the row first serialises the edit with a submit that is locking the record, so neither misses the other.
      this.lockable.set(p.entity, prepared(`select exists (select 1 from tessera_record_locks l where l.entity = $1 and l.record_id = r.id) as locked
        from ${quoteIdent(entity.table)} r where r.id = $2 for update of r`, app.hash));
    }
  }

  watches(entity: string): boolean {
    return this.watched.has(entity);
  }

  async beforeWrite(trx: Knex.Transaction, write: Pick<RecordWrite, 'entity' | 'action' | 'id'>): Promise<void> {
    const statement = this.lockable.get(write.entity);
    if (!statement) return;
    const [row] = await run(trx, statement, [write.entity, write.id]);
    if (row?.locked) throw new RecordError('locked');
  }

  async afterWrite(trx: Knex.Transaction, write: RecordWrite): Promise<void> {
    if (write.action === 'delete') return this.cancelOn(trx, write);
    const entity = this.engine.app.entities[write.entity]!;
    for (const process of processesOn(this.engine.app, write.entity, write.action)) {
      if (write.action === 'update' && !changedWatched(process, entity, write.before!, write.after!)) continue;
      if (!(await entryHolds(this.engine, trx, process, write.after!, write.userId))) continue;
      await this.engine.start(trx, { process: process.name, recordId: write.id, trigger: write.action, actor: write.userId, submittedBy: write.userId });
    }
  }

  private async cancelOn(trx: Knex.Transaction, write: RecordWrite): Promise<void> {
    for (const instance of await runningOn(trx, write.entity, write.id)) {
      const px = await this.engine.open(trx, instance, write.userId);
      await this.engine.end(px, 'cancelled', { event: 'cancelled', comment: 'the record was deleted' });
    }
  }
}
