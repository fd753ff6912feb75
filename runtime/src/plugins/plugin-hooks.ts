import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppModel } from '@tessera/core';
import type { Knex } from 'knex';
import type { Row } from '../db/statement';
import type { RecordHooks, RecordSave, RecordWrite } from '../records/hooks';
import { pluginMessaging } from './plugin-messaging';
import { pluginRecords, systemContext } from './plugin-records';
import type { PluginRegistry } from './plugin-registry';

// A plugin's write handler may write records whose handlers write again; past this depth it is a loop.
const MAX_DEPTH = 8;

/**
 * How record writes reach plugins' code: after a write of an entity a plugin watches, its handlers run in the write's
 * transaction with records as the system, whose writes run every hook again (`all`: a quote line's handler updates the
 * quote, whose approval process may start). The process engine's own writes reach no plugin.
 */
export class PluginHooks implements RecordHooks {
  private readonly depth = new AsyncLocalStorage<number>();

  constructor(private readonly registry: PluginRegistry, private readonly app: AppModel, private readonly all: () => RecordHooks | undefined) {}

  watches(entity: string): boolean {
    return this.registry.writeHandlers.has(entity) || this.registry.saveHandlers.has(entity);
  }

  async beforeWrite(): Promise<void> {}

  async beforeSave(db: Knex, save: RecordSave): Promise<Row | undefined> {
    const handlers = this.registry.saveHandlers.get(save.entity) ?? [];
    if (!handlers.length) return undefined;
    const { get, list, search } = pluginRecords(systemContext(this.app, db, save.userId, undefined));
    let changes: Row | undefined;
    for (const h of handlers) {
      const more = await h.handle({ ...save, record: { ...save.record, ...changes }, records: { get, list, search } });
      if (more) changes = { ...changes, ...more };
    }
    return changes;
  }

  async afterWrite(trx: Knex.Transaction, write: RecordWrite): Promise<void> {
    const handlers = this.registry.writeHandlers.get(write.entity) ?? [];
    const depth = this.depth.getStore() ?? 0;
    if (depth >= MAX_DEPTH) throw new Error(`plugin write handlers nest more than ${MAX_DEPTH} deep on ${write.entity}: a loop`);
    const records = pluginRecords(systemContext(this.app, trx, write.userId, this.all()));
    await this.depth.run(depth + 1, async () => {
      for (const h of handlers) {
        await h.handle({ ...write, records, ...pluginMessaging(this.app, trx, records, h.plugin, this.registry.links) });
      }
    });
  }
}
