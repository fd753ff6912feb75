import type { EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import { duplicateIndexes } from '../duplicates/duplicate-indexes';
import { searchIndexes } from '../search/search-indexes';
import type { DesiredIndex } from './desired-schema';

/** An SQL function an index is built on, created (or replaced) before the migration's steps run. */
export interface SqlFunction {
  readonly name: string;
  /** The CREATE OR REPLACE FUNCTION statement; IMMUTABLE, since an index expression needs it to be. */
  readonly sql: string;
}

/**
 * Indexes that entity metadata asks for indirectly (a searchable field, a duplicate rule), with the functions their
 * expressions call. Each feature is one entry here, carrying everything about its indexes.
 */
export interface DerivedIndexes {
  readonly functions: readonly SqlFunction[];
  indexes(entity: EntityModel): DesiredIndex[];
}

const DERIVED: readonly DerivedIndexes[] = [searchIndexes, duplicateIndexes];

/** Every derived index an entity wants. */
export const derivedIndexes = (entity: EntityModel): DesiredIndex[] => DERIVED.flatMap((d) => d.indexes(entity));

/** Creates or replaces the functions derived indexes are built on (in the migration's transaction). */
export async function ensureIndexFunctions(db: Knex.Transaction): Promise<void> {
  for (const fn of DERIVED.flatMap((d) => d.functions)) await db.raw(fn.sql);
}
