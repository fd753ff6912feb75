import { stat } from 'node:fs/promises';
import { mapColumns, type EntityModel, type IgnoredColumn, type ImportOptions, type LocalIssue } from '@tessera/core';
import type { RecordContext } from '../../records/operations';
import { RecordError } from '../../records/record-error';
import type { Knex } from 'knex';
import { batchLines, checkBatch, writeBatch, type ImportJob, type ImportState } from './import-batch';
import { issueError, type LineError } from './line-errors';
import { importReaders, SourceError, type SourceFile, type SourceLine } from './readers';
import { writesAlone } from './write-lines';

/** How far an import got: lines read, bytes of the file read, and what the lines did so far. */
export interface ImportProgress {
  readonly lines: number;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
}

/** The progress figures of an import's state or report, and nothing else (no errors). */
export const progressOf = ({ lines, bytes, totalBytes, inserted, updated, unchanged, failed }: ImportProgress): ImportProgress =>
  ({ lines, bytes, totalBytes, inserted, updated, unchanged, failed });

/** What an import did. With onError "rollback", one refused line means nothing was written (written: false). */
export interface ImportReport extends ImportProgress {
  readonly written: boolean;
  /** The refused lines (the file's own problems as line 1), the first MAX_ERRORS of them; errorsTruncated says when there were more. */
  readonly errors: readonly LineError[];
  readonly errorsTruncated: boolean;
  /** Lines written although a duplicate rule warns about them. */
  readonly warnings: readonly LineError[];
  readonly ignoredColumns: readonly IgnoredColumn[];
}

/** One import to run: who (their permissions apply to every line), which entity, how, and the file. */
export interface ImportRun {
  readonly ctx: RecordContext;
  readonly entity: EntityModel;
  readonly options: ImportOptions;
  readonly file: string;
  readonly onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

/** Lines checked and written together: one transaction each with onError "skip", so a server on PGlite stays responsive. */
const BATCH_LINES = 500;
/** The most line errors a report keeps. */
const MAX_ERRORS = 1000;

const ROLLBACK = Symbol('rollback');

/**
 * Imports a file into an entity, streaming it in batches: each line is mapped, coerced through its fields' types, its
 * lookups resolved, checked as the REST API checks a write, and written with its history and hooks. With onError
 * "rollback" the whole file is one transaction and any refused line leaves the database as it was (every line is
 * still checked, so the report lists them all); with "skip" refused lines are reported and the rest is written.
 */
export async function importRecords(run: ImportRun): Promise<ImportReport> {
  const { ctx, entity, options } = run;
  if (!ctx.permissions.can('import', entity.name) || !ctx.permissions.can('create', entity.name)) {
    throw new RecordError(ctx.permissions.can('read', entity.name) ? 'forbidden' : 'notFound');
  }
  const state: ImportState = {
    lines: 0, bytes: 0, totalBytes: (await stat(run.file)).size, inserted: 0, updated: 0, unchanged: 0, failed: 0, errors: [], warnings: [], keys: new Map(), duplicateKeys: new Map(),
  };
  let ignored: readonly IgnoredColumn[] = [];
  const report = (written: boolean): ImportReport => ({
    ...progressOf(state), ...(written ? {} : { inserted: 0, updated: 0 }), written, errors: state.errors.slice(0, MAX_ERRORS),
    errorsTruncated: state.errors.length > MAX_ERRORS, warnings: state.warnings.slice(0, MAX_ERRORS), ignoredColumns: ignored,
  });
  const refuse = (item: LocalIssue, headers: readonly string[] = []) => {
    state.errors.push(issueError(1, item, headers, ctx.locale));
    return report(options.onError === 'skip' && state.inserted + state.updated > 0);
  };
  let source: SourceFile | undefined;
  try {
    source = await importReaders.get(options.format).open(run.file, (bytes) => { state.bytes = bytes; });
    if (!source.headers.length) return refuse({ code: 'import.header', path: '', params: {} });
    const prepared = mapping(run, source.headers);
    ignored = prepared.mapping.ignored;
    if (prepared.issues.length) {
      state.errors.push(...prepared.issues.map((i) => issueError(1, i, source!.headers, ctx.locale)));
      return report(false);
    }
    const job: ImportJob = { ctx, entity, options, mapping: prepared.mapping, headers: source.headers, state };
    const progress = async () => run.onProgress?.(progressOf(state));
    if (options.onError === 'skip') {
      for await (const batch of batchLines(source.lines, BATCH_LINES)) {
        await ctx.db.transaction(async (trx) => writeBatch(trx, job, await checkBatch(trx, job, batch), true));
        await progress();
      }
      return report(true);
    }
    const all = async (lines: AsyncIterable<SourceLine>, careful: boolean) => ctx.db.transaction(async (trx) => {
      await checkAndWrite(trx, job, lines, careful, progress);
      if (state.failed) throw ROLLBACK;
    }).catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
    if (!writesAlone(ctx, entity)) await all(source.lines, true);
    else {
      try {
        await all(source.lines, false);
      } catch (error) {
        if (error instanceof SourceError) throw error;
        // The database refused a write of the fast pass (which has no savepoints to recover): read the file again,
        // carefully, so that the report names every line it refuses.
        resetState(state);
        const again = await importReaders.get(options.format).open(run.file, (bytes) => { state.bytes = bytes; });
        await all(again.lines, true);
      }
    }
    return report(state.failed === 0);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return refuse({ code: 'import.file', path: '', params: { format: error.format, reason: error.message } }, source?.headers);
  }
}

/**
 * Checks and writes every batch in one transaction. Unless careful, a batch is written while the next is read and
 * checked (its statements queue behind the write on the transaction's connection, so they see it): the parsing and
 * checking in JavaScript and the writing in PostgreSQL overlap.
 */
async function checkAndWrite(trx: Knex.Transaction, job: ImportJob, lines: AsyncIterable<SourceLine>, careful: boolean, progress: () => Promise<void>): Promise<void> {
  let writing: Promise<void> | undefined;
  try {
    for await (const batch of batchLines(lines, BATCH_LINES)) {
      const checked = await checkBatch(trx, job, batch);
      await writing;
      writing = writeBatch(trx, job, checked, careful);
      // Awaited with the next batch (or below); a refusal meanwhile is not unhandled.
      writing.catch(() => undefined);
      if (careful) await writing;
      await progress();
    }
  } finally {
    await writing;
  }
}

/** Forgets what a pass did, for the next pass over the file. */
function resetState(state: ImportState): void {
  Object.assign(state, { lines: 0, bytes: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0 });
  state.errors.length = 0;
  state.warnings.length = 0;
  state.keys.clear();
  state.duplicateKeys.clear();
}

/** The file's columns mapped onto the entity; an upsert's key fields must each have a column. */
function mapping(run: ImportRun, headers: readonly string[]) {
  const { ctx, entity, options } = run;
  const actions = options.mode === 'upsert' ? (['create', 'update'] as const) : (['create'] as const);
  const writable = (name: string) => actions.every((action) => {
    const access = ctx.permissions.access(action, entity.name);
    return access.allFields || access.fields.has(name);
  });
  const mapped = mapColumns(ctx.app, entity, headers, writable, options.mapping);
  if (options.mode === 'upsert') {
    for (const field of options.key) {
      if (!mapped.mapping.columns.some((c) => c.field === field)) mapped.issues.push({ code: 'import.keyColumn', path: '', params: { field } });
    }
  }
  return mapped;
}
