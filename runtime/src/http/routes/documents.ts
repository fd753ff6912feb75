import { Router } from 'express';
import { renderTemplate } from '../../notifications/templates/render';
import { getRecord } from '../../records/operations';
import type { RouteModule } from '../context';
import { problem } from '../problem';
import { attempt, entityOf, recordContext } from '../record-request';

/** A whole HTML page around a rendered template: its first line (already escaped) is the title, the rest the body. */
const page = (locale: string, title: string, body: string) =>
  `<!doctype html>\n<html lang="${locale}">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

/**
 * GET /api/records/:entity/:id/documents/:name: a printable document of a record (a dispatch sheet), its template
 * rendered as an HTML page in the request's language. The template gets the record as GET /api/records/:entity/:id
 * answers it to the caller (hidden fields absent, a record they cannot read is 404), with its title and entity label
 * as notices get them; values are HTML-escaped.
 */
export const documentRoutes: RouteModule = {
  path: '/records',
  routes: (ctx) => Router()
    .get('/:entity/:id/documents/:name', async (req, res) => {
      const entity = entityOf(ctx, req, res);
      const document = entity.documents.find((d) => d.name === req.params.name);
      if (!document) throw problem(404, { code: 'document.not-found', detail: 'No such document on this entity.' });
      const rc = recordContext(ctx, req, res);
      const record = await attempt(() => getRecord(rc, entity, req.params.id));
      const title = (entity.titleField ? record[entity.titleField] : undefined) ?? record.id;
      const { subject, body } = renderTemplate(ctx.app, document.template, rc.locale, { record: { ...record, title, entity: entity.label } });
      res.set('Content-Type', 'text/html; charset=utf-8').send(page(rc.locale, subject, body));
    }),
};
