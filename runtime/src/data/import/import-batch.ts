import { lineValues, type ColumnMapping, type EntityModel, type ImportOptions } from '@tessera/core';
import type { Knex } from 'knex';
import type { Row } from '../../db/statement';
import type { RecordContext } from '../../records/operations';
import { existingRecords, keyText } from './existing-records';
import { importDuplicates } from './import-duplicates';
import { issueError, type LineError } from './line-errors';
import { prepareLine, type ReadyLine, type WritingLine } from './prepare-lines';
import type { SourceLine } from './readers';
import { applyLookups, resolveLookups } from './resolve-lookups';
import { writeLines } from './write-lines';

/** What an import has done so far, updated batch by batch. */
export interface ImportState {
  lines: number;
  bytes: number;
  readonly totalBytes: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  readonly errors: LineError[];
  readonly warnings: LineError[];
  /** The line that first gave each upsert key, to refuse a key a file repeats. */
  readonly keys: Map<string, number>;
  /** The line that first gave each duplicate rule's match key, to catch duplicates within the file. */
  readonly duplicateKeys: Map<string, number>;
}

/** An import under way: its caller, entity, options and column mapping, and its state. */
export interface ImportJob {
  readonly ctx: RecordContext;
  readonly entity: EntityModel;
  readonly options: ImportOptions;
  readonly mapping: ColumnMapping;
  readonly headers: readonly string[];
  readonly state: ImportState;
}

/** Groups lines into batches of at most `size`. */
export async function* batchLines(lines: AsyncIterable<SourceLine>, size: number): AsyncGenerator<SourceLine[]> {
  let batch: SourceLine[] = [];
  for await (const line of lines) {
    batch.push(line);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** A batch's lines that passed every check, to write, and the errors of those that did not (in line order once written). */
export interface CheckedBatch {
  readonly lines: readonly WritingLine[];
  readonly failures: LineError[];
}

/** The context a batch is checked and written in: the import's transaction; duplicate rules checked per batch, not per line. */
const batchContext = (job: ImportJob, trx: Knex.Transaction): RecordContext => ({ ...job.ctx, db: trx, duplicates: 'skip' });

/**
 * Checks a batch of lines in the transaction given, as the API checks writes: cells to values, lookups (one statement
 * per target field), the records upsert keys name (two statements), each line's checks, then duplicate rules against
 * stored records and earlier lines (one statement per rule). Answers the lines to write.
 */
export async function checkBatch(trx: Knex.Transaction, job: ImportJob, batch: readonly SourceLine[]): Promise<CheckedBatch> {
  const { entity, options, mapping, state } = job;
  const ctx = batchContext(job, trx);
  const failures: LineError[] = [];
  const fail = (errors: readonly LineError[]) => {
    state.failed++;
    failures.push(...errors);
  };
  state.lines += batch.length;
  const values = batch.map((l) => ({ line: l.line, values: lineValues(entity, ctx.app, mapping, l.cells) }));
  const resolved = await resolveLookups(trx, ctx, values.flatMap((v) => (v.values.issues.length ? [] : v.values.lookups)));
  const ready: ReadyLine[] = [];
  for (const { line, values: v } of values) {
    const body = { ...v.body };
    const issues = [...v.issues, ...applyLookups(body, v.lookups, resolved, (l) => mapping.columns.find((c) => c.field === l.field)!.index)];
    if (issues.length) {
      fail(issues.map((i) => issueError(line, i, job.headers, ctx.locale)));
      continue;
    }
    ready.push({ line, body, ...(v.id ? { id: v.id } : {}) });
  }
  const keyed = (r: ReadyLine): Row => ({ ...r.body, id: r.id });
  const existing = options.mode === 'upsert' ? await existingRecords(trx, ctx, entity, options.key, ready.map(keyed)) : new Map<string, Row>();
  const prepared: WritingLine[] = [];
  for (const r of ready) {
    const key = options.mode === 'upsert' ? keyText(keyed(r), options.key) : undefined;
    const other = key === undefined ? undefined : state.keys.get(key);
    if (other !== undefined) {
      fail([issueError(r.line, { code: 'import.keyRepeated', path: '', params: { other, key: options.key } }, job.headers, ctx.locale)]);
      continue;
    }
    if (key !== undefined) state.keys.set(key, r.line);
    const before = key === undefined ? undefined : existing.get(key);
    const p = await prepareLine(ctx, entity, mapping, before ? { ...r, before } : r);
    if (p.kind === 'failed') fail(p.errors);
    else if (p.kind === 'unchanged') state.unchanged++;
    else prepared.push(p);
  }
  const duplicates = await importDuplicates(trx, ctx, entity, mapping, prepared, state.duplicateKeys);
  state.warnings.push(...duplicates.warnings);
  for (const errors of duplicates.refused.values()) fail(errors);
  return { lines: prepared.filter((p) => !duplicates.refused.has(p.line)), failures };
}

/**
 * Writes a checked batch. Lines are written even when an all-or-nothing import will roll back, so that the database's
 * own refusals (a unique value taken) are reported too; `careful` puts each statement in a savepoint for that (see
 * writeLines).
 */
export async function writeBatch(trx: Knex.Transaction, job: ImportJob, checked: CheckedBatch, careful: boolean): Promise<void> {
  const { state } = job;
  const written = await writeLines(trx, batchContext(job, trx), job.entity, checked.lines, careful);
  state.inserted += written.inserted;
  state.updated += written.updated;
  state.failed += written.errors.length;
  state.errors.push(...[...checked.failures, ...written.errors].sort((a, b) => a.line - b.line));
}
