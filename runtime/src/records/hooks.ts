import type { Knex } from 'knex';
import type { Row } from '../db/statement';

/** A record write as hooks see it, in the write's transaction: the record before (none on create) and after (none on delete). */
export interface RecordWrite {
  readonly entity: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly id: string;
  readonly before?: Row;
  readonly after?: Row;
  readonly userId: string | null;
}

/** A record about to be created or updated, before it is checked: as it will be stored, and as it was. */
export interface RecordSave {
  readonly entity: string;
  readonly action: 'create' | 'update';
  readonly record: Row;
  readonly before?: Row;
  readonly userId: string | null;
}

/**
 * What else a record write does, for the entities that need it (the process engine: records it locks, processes
 * started on create and update). Writes of other entities run exactly as without hooks: one statement, no transaction.
 */
export interface RecordHooks {
  /** Whether writes of this entity run hooks. */
  watches(entity: string): boolean;
  /** Runs first in the write's transaction (an update or delete); it may refuse the write, e.g. of a locked record. */
  beforeWrite(trx: Knex.Transaction, write: Pick<RecordWrite, 'entity' | 'action' | 'id'>): Promise<void>;
  /** Runs after the write, in its transaction: its failure undoes the write. */
  afterWrite(trx: Knex.Transaction, write: RecordWrite): Promise<void>;
  /**
   * Runs before a create or update of a watched entity is checked (reading, never writing): answers values the record
   * takes besides the body's (a case's deadlines from its priority), which are then checked with it.
   */
  beforeSave?(db: Knex, save: RecordSave): Promise<Row | undefined>;
}
