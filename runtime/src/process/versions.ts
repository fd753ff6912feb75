import { contentHash, type AppModel } from '@tessera/core';
import type { ProcessDefinition } from '@tessera/metadata';
import type { Knex } from 'knex';

/** A published version of a process: what its instances run, whatever the metadata says now. */
export interface PublishedProcess {
  readonly name: string;
  readonly version: number;
  readonly definition: ProcessDefinition;
}

/**
 * Publishes the app's processes: each whose definition differs from its latest published version becomes a new
 * version (the metadata's own "version" is informational). Running instances keep the version they started with.
 * Answers the version now current for each process. Serialised by an advisory lock, so instances starting together
 * publish once.
 */
export async function publishProcesses(db: Knex, app: AppModel): Promise<Map<string, number>> {
  return db.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtext('tessera_process_versions'))");
    const current = new Map<string, number>();
    for (const [name, definition] of Object.entries(app.processes)) {
      const hash = contentHash(definition);
      const latest = await trx('tessera_process_versions').where({ name }).orderBy('version', 'desc').first('version', 'hash') as { version: number; hash: string } | undefined;
      if (latest?.hash === hash) {
        current.set(name, latest.version);
        continue;
      }
      const version = (latest?.version ?? 0) + 1;
      await trx('tessera_process_versions').insert({ name, version, hash, definition: JSON.stringify(definition) });
      current.set(name, version);
    }
    return current;
  });
}

/** Published definitions by name and version, read once each (a published version never changes). */
export class ProcessVersions {
  private readonly known = new Map<string, Promise<ProcessDefinition>>();

  constructor(private readonly db: Knex) {}

  /** The definition of a published version (in the caller's transaction when given). */
  get(name: string, version: number, trx?: Knex.Transaction): Promise<ProcessDefinition> {
    const key = `${name}@${version}`;
    let found = this.known.get(key);
    if (!found) {
      found = (trx ?? this.db)('tessera_process_versions').where({ name, version }).first('definition')
        .then((row: { definition: ProcessDefinition } | undefined) => {
          if (!row) throw new Error(`process "${name}" has no published version ${version}`);
          return row.definition;
        });
      found.catch(() => this.known.delete(key));
      this.known.set(key, found);
    }
    return found;
  }
}
