import { Registry, type FieldTypeName } from '@tessera/core';
import type { Knex } from 'knex';
import { passwordStore } from '../auth/password-store';
import { rolesStore } from '../auth/roles-store';

/** One side-stored value to write, in the record's transaction. */
export interface SideWrite {
  readonly trx: Knex.Transaction;
  readonly recordId: string;
  /** The value as the store's prepare made it. */
  readonly value: unknown;
}

/** How the runtime keeps the value of a field stored beside its record (core's fieldStorage "side") in its own tables. */
export interface SideStore {
  /** What write stores for a value a client sent, null included; runs before the record's transaction opens, being possibly slow (argon2). */
  prepare(value: unknown): Promise<unknown>;
  /** Stores a record's prepared value in place of the one it had. */
  write(args: SideWrite): Promise<void>;
}

/** The store of each side-stored field type; a write to a side-stored type without one fails, naming the known ones. */
export const sideStores = new Registry<FieldTypeName, SideStore>('side store', [['password', passwordStore], ['roles', rolesStore]]);
