import { isLocale, localize, LOCALES, type Locale } from '../i18n';
import type { EntityModel } from '../model/app-model';
import { errorResponses } from './problem';
import { READ_SECURITY } from './security';
import { entitySummary } from './texts';
import { ref, type PathItem } from './types';

// The runtime's formats (runtime/src/data/export/export-formats.ts); core cannot import the runtime.
const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const DESCRIPTIONS: Record<Locale, string> = {
  en: 'Streams every record the caller may read that the filter matches (no paging), in the list\'s order, as a file: '
    + 'the id, then each readable field, headed by its label. Values are what an import reads back: numbers as plain '
    + 'decimals (numeric cells in XLSX), true/false, dates as YYYY-MM-DD, instants in ISO 8601 UTC, picklist labels '
    + '(several joined by "; "), lookups as record ids, JSON as text, no value as an empty cell. CSV starts with a '
    + 'UTF-8 byte order mark. limit, cursor, offset, count and expand answer 400.',
  'zh-CN': '以文件流式导出调用者可读、且符合过滤条件的全部记录（不分页），顺序同列表：先是 ID，再是每个可读字段，表头为字段标签。'
    + '取值与导入读回的格式一致：数字为普通小数（XLSX 中为数值单元格），布尔为 true/false，日期为 YYYY-MM-DD，'
    + '时间为 ISO 8601 UTC，选项为其标签（多选以 "; " 连接），查找字段为记录 ID，JSON 为文本，空值为空单元格。'
    + 'CSV 以 UTF-8 BOM 开头。limit、cursor、offset、count 与 expand 会返回 400。',
};

/** GET /api/records/<entity>/export: the entity's records as a CSV or XLSX file, filtered and sorted as a list is. */
export function exportPaths(entity: EntityModel, tag: string, locale: string): Record<string, PathItem> {
  const names = { one: localize(entity.label, locale, entity.name), many: localize(entity.pluralLabel, locale, entity.name) };
  const binary = { type: 'string', format: 'binary' };
  return {
    [`/api/records/${entity.name}/export`]: {
      get: {
        operationId: `${entity.name}.export`,
        summary: entitySummary('export', names, locale),
        description: DESCRIPTIONS[isLocale(locale) ? locale : 'en'],
        tags: [tag],
        parameters: [
          { name: 'format', in: 'query', description: 'The file format.', schema: { enum: Object.keys(FORMATS), default: 'csv' } },
          ref('parameters', 'filter'), ref('parameters', 'where'), ref('parameters', 'sort'),
          { name: 'fields', in: 'query', description: 'Comma-separated fields to export; the id always comes first.', schema: { type: 'string' } },
          { name: 'locale', in: 'query', description: 'The language of headers and labels; Accept-Language when left out.', schema: { enum: [...LOCALES] } },
          ref('parameters', 'acceptLanguage'),
        ],
        security: READ_SECURITY,
        responses: {
          200: {
            description: 'The file, streamed.',
            headers: { 'Content-Disposition': { description: `attachment; filename="${entity.name}.csv" (or .xlsx).`, required: true, schema: { type: 'string' } } },
            content: { [FORMATS.csv]: { schema: { type: 'string' } }, [FORMATS.xlsx]: { schema: binary } },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
  };
}
