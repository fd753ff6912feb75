import { contentHash, type AppModel } from '@tessera/core';
import type { RoleDefinition } from '@tessera/metadata';
import type { Knex } from 'knex';
import type { Database } from '../db/connect';

/** The table of roles defined through the API (auth-tables.ts makes it); its trigger publishes ROLES_TOPIC. */
export const ROLES_TABLE = 'tessera_roles';

/** The topic every write to ROLES_TABLE publishes, whichever path makes it. */
export const ROLES_TOPIC = 'roles';

/** The roles in force: the AppModel permissions compile against, and the roles stored through the API. */
export interface EffectiveRoles {
  readonly app: AppModel;
  readonly stored: Readonly<Record<string, RoleDefinition>>;
}

/** Reads the stored roles (in a transaction, to see them as that transaction does). */
export async function readStoredRoles(knex: Knex): Promise<Record<string, RoleDefinition>> {
  const rows = await knex(ROLES_TABLE).select('name', 'definition').orderBy('name') as Array<{ name: string; definition: RoleDefinition }>;
  return Object.fromEntries(rows.map((r) => [r.name, r.definition]));
}

/** The metadata model with stored roles layered over it: a stored role replaces the metadata role of its name. */
export function layerRoles(app: AppModel, stored: Readonly<Record<string, RoleDefinition>>): AppModel {
  // Without stored roles the metadata model itself serves, so caches keyed by it stay shared.
  if (!Object.keys(stored).length) return app;
  return { ...app, roles: { ...app.roles, ...stored }, hash: contentHash([app.hash, stored]) };
}

/**
 * The roles in force on this instance. They are read once and kept while the invalidation listener is live and no
 * change to them was heard (from any instance); the same EffectiveRoles object is answered while their content is
 * unchanged, since compiled permissions are cached per AppModel object.
 */
export class RoleStore {
  private current: EffectiveRoles | undefined;
  private currentHash = '';
  private loadedAt = -1;
  private loading: { readonly version: number; readonly done: Promise<EffectiveRoles> } | undefined;
  /** Bumped on every change heard: a load that began under an older version is kept but not trusted. */
  private version = 0;

  constructor(private readonly base: AppModel, private readonly db: Database) {
    db.invalidations.subscribe((topic) => {
      if (topic === undefined || topic === ROLES_TOPIC) this.changed();
    });
  }

  /** Marks the roles as changed on this instance at once (a write here), before the notification arrives. */
  changed(): void {
    this.version++;
  }

  /** The roles in force, read from the database when not loaded yet, changed since, or unheard of (listener down). */
  async roles(): Promise<EffectiveRoles> {
    if (this.current && this.loadedAt === this.version && this.db.invalidations.live) return this.current;
    // Requests arriving together share one pending read; a finished one is not reused, as it may be stale by now.
    if (this.loading?.version !== this.version) {
      const version = this.version;
      const done = this.load(version).finally(() => {
        if (this.loading?.done === done) this.loading = undefined;
      });
      this.loading = { version, done };
    }
    return this.loading!.done;
  }

  private async load(version: number): Promise<EffectiveRoles> {
    const stored = await readStoredRoles(this.db.knex);
    // A read that began before a newer one finished must not replace what the newer one found.
    if (this.current && version < this.loadedAt) return this.current;
    const hash = contentHash(stored);
    if (!this.current || hash !== this.currentHash) {
      this.current = { app: layerRoles(this.base, stored), stored };
      this.currentHash = hash;
    }
    this.loadedAt = version;
    return this.current;
  }
}
