import { isLocale, localize, type Locale } from '../i18n';
import type { EntityModel } from '../model/app-model';
import { errorResponses } from './problem';
import { READ_SECURITY } from './security';
import { ref, type PathItem } from './types';

const DESCRIPTIONS: Record<Locale, string> = {
  en: 'A printable document of the record: its template rendered as a complete HTML page in the request\'s language, '
    + 'the template\'s first line as the page title. The template sees the record as GET /api/records/<entity>/{id} '
    + 'answers it to the caller (fields hidden from them are absent), and every value is HTML-escaped. A record the '
    + 'caller may not read answers 404.',
  'zh-CN': '记录的可打印单据：按请求的语言将其模板渲染为完整的 HTML 页面，模板第一行为页面标题。模板看到的记录与调用者通过 '
    + 'GET /api/records/<entity>/{id} 读到的一致（对其隐藏的字段不出现），所有取值均经过 HTML 转义。调用者无权读取的记录返回 404。',
};

/** GET /api/records/<entity>/{id}/documents/<name>: each printable document the entity declares. */
export function documentPaths(entity: EntityModel, tag: string, locale: string): Record<string, PathItem> {
  return Object.fromEntries(entity.documents.map((document): [string, PathItem] => [`/api/records/${entity.name}/{id}/documents/${document.name}`, {
    get: {
      operationId: `${entity.name}.document.${document.name}`,
      summary: localize(document.label, locale, document.name),
      description: DESCRIPTIONS[isLocale(locale) ? locale : 'en'],
      tags: [tag],
      parameters: [{ name: 'id', in: 'path', required: true, description: 'The record id.', schema: { type: 'string', format: 'uuid' } }, ref('parameters', 'acceptLanguage')],
      security: READ_SECURITY,
      responses: {
        200: { description: 'The document as an HTML page.', content: { 'text/html; charset=utf-8': { schema: { type: 'string' } } } },
        ...errorResponses(401, 404),
      },
    },
  }]));
}
