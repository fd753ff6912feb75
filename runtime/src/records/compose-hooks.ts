import type { Knex } from 'knex';
import type { Row } from '../db/statement';
import type { RecordHooks, RecordSave, RecordWrite } from './hooks';

/**
 * Several hooks as one (the process engine's and the plugins'): an entity is watched when any of them watches it, and
 * each runs in order on the writes of entities it watches.
 */
export function composeHooks(...all: ReadonlyArray<RecordHooks | undefined>): RecordHooks | undefined {
  const hooks = all.filter((h): h is RecordHooks => h !== undefined);
  if (hooks.length <= 1) return hooks[0];
  return {
    watches: (entity) => hooks.some((h) => h.watches(entity)),
    beforeWrite: async (trx: Knex.Transaction, write: Pick<RecordWrite, 'entity' | 'action' | 'id'>) => {
      for (const h of hooks) if (h.watches(write.entity)) await h.beforeWrite(trx, write);
    },
    afterWrite: async (trx: Knex.Transaction, write: RecordWrite) => {
      for (const h of hooks) if (h.watches(write.entity)) await h.afterWrite(trx, write);
    },
    // Each sees the record as the ones before it left it.
    beforeSave: async (db: Knex, save: RecordSave) => {
      let changes: Row | undefined;
      for (const h of hooks) {
        if (!h.beforeSave || !h.watches(save.entity)) continue;
        const more = await h.beforeSave(db, changes ? { ...save, record: { ...save.record, ...changes } } : save);
        if (more) changes = { ...changes, ...more };
      }
      return changes;
    },
  };
}
