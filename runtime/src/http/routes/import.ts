import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { IMPORT_MEDIA_TYPES, parseImportOptions } from '@tessera/core';
import { Router, type Request } from 'express';
import { startImportJob } from '../../data/import/import-job';
import { RecordError } from '../../records/record-error';
import type { RouteModule } from '../context';
import { problem } from '../problem';
import { issuesProblem, recordProblem } from '../record-problems';
import { entityOf, recordContext } from '../record-request';
import { requestLocale } from '../request-locale';

/** The largest file an import takes (TESSERA_IMPORT_MAX_BYTES; 200 MB by default: 100,000 wide rows of CSV fit well). */
const maxBytes = () => Number(process.env.TESSERA_IMPORT_MAX_BYTES ?? 200 * 1024 * 1024);

/** Streams a request's body to a temporary file, refusing it (413) past the size limit. */
async function saveUpload(req: Request, path: string): Promise<void> {
  const limit = maxBytes();
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? problem(413, { code: 'body.too-large', detail: `An import file may hold at most ${limit} bytes.` }) : null, chunk);
    },
  });
  try {
    await pipeline(req, limiter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

/** POST /api/records/:entity/import: starts an import of a CSV, XLSX or JSON-lines body and answers its job (202). */
export const importRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .post('/:entity/import', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const rc = recordContext(ctx, req, res);
      if (!rc.permissions.can('import', entity.name) || !rc.permissions.can('create', entity.name)) throw recordProblem(new RecordError('forbidden'));
      const type = Object.keys(IMPORT_MEDIA_TYPES).find((t) => req.is(t));
      if (!type) throw problem(415, { code: 'body.content-type', detail: `Send the file as one of ${Object.keys(IMPORT_MEDIA_TYPES).join(', ')}.` });
      const parsed = parseImportOptions(entity, new URL(req.originalUrl, 'http://localhost').searchParams, IMPORT_MEDIA_TYPES[type]);
      if (!parsed.ok) throw issuesProblem(parsed.issues, requestLocale(req), 'import.invalid');
      const file = join(tmpdir(), `tessera-import-${randomUUID()}`);
      await saveUpload(req, file);
      const id = await startImportJob(ctx.db.knex, { ctx: rc, entity, options: parsed.options, file }, ctx.logger);
      res.status(202).set('Location', `/api/jobs/${id}`).json({ id, status: 'running', href: `/api/jobs/${id}` });
    }),
};
