import { rm } from 'node:fs/promises';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createJobRun, finishJobRun, HEARTBEAT_MS, writeJobProgress, type JobRun } from '../../jobs/job-runs';
import { importRecords, progressOf, type ImportProgress, type ImportRun } from './import-records';

// The jobs this process runs, with their latest progress: on PGlite an import's transaction holds the only connection,
// so its progress can be read from here while the database is busy.
const live = new Map<string, JobRun>();

/** The latest state of an import this process is running, if it is one. */
export const liveJob = (id: string): JobRun | undefined => live.get(id);

/**
 * Starts an import in the background and answers its job id at once. Progress is kept here and written to the jobs
 * table every few seconds (any instance can answer for it); the result is written when it ends, and the uploaded
 * file is deleted.
 */
export async function startImportJob(db: Knex, run: Omit<ImportRun, 'onProgress'>, logger: Logger): Promise<string> {
  const id = await createJobRun(db, { kind: 'import', entity: run.entity.name, userId: run.ctx.userId });
  const started = new Date().toISOString();
  const state = (status: JobRun['status'], progress: ImportProgress | Record<string, never>, result: JobRun['result'] = null): JobRun => ({
    id, kind: 'import', entity: run.entity.name, userId: run.ctx.userId, status, progress: { ...progress }, result,
    createdAt: started, updatedAt: new Date().toISOString(), finishedAt: status === 'running' ? null : new Date().toISOString(),
  });
  live.set(id, state('running', {}));
  let written = 0;
  const onProgress = (progress: ImportProgress) => {
    live.set(id, state('running', progress));
    if (Date.now() - written < HEARTBEAT_MS) return;
    written = Date.now();
    // Not awaited: inside an import's transaction on PGlite it waits for the connection the import holds.
    writeJobProgress(db, id, { ...progress }).catch((error: unknown) => logger.warn({ err: error, job: id }, 'import progress not written'));
  };
  void (async () => {
    try {
      const report = await importRecords({ ...run, onProgress });
      await finishJobRun(db, id, report.written ? 'succeeded' : 'failed', { ...progressOf(report) }, { ...report });
    } catch (error) {
      logger.error({ err: error, job: id }, 'import failed');
      await finishJobRun(db, id, 'failed', {}, { error: 'internal' }).catch(() => undefined);
    } finally {
      live.delete(id);
      await rm(run.file, { force: true });
    }
  })();
  return id;
}
