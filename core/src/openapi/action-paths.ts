import { localize } from '../i18n';
import type { EntityModel } from '../model/app-model';
import { json } from './entity-paths';
import { errorResponses } from './problem';
import { WRITE_SECURITY } from './security';
import type { PathItem, RecordActionInfo } from './types';

const DESCRIPTION: Record<string, string> = {
  en: 'A plugin\'s action on one record, run in one transaction: everything it writes commits together or not at all. '
    + 'The caller must be allowed to {requires} the record. A refusal of the action itself answers 422 with its reason.',
  'zh-CN': '插件对单条记录的操作，在一个事务中执行：其所有写入要么全部提交，要么全部撤销。调用者须有权{requires}该记录。操作本身拒绝时返回 422 及原因。',
};
const REQUIRES: Record<string, Record<RecordActionInfo['requires'], string>> = { en: { read: 'read', update: 'update' }, 'zh-CN': { read: '读取', update: '修改' } };

/** POST /api/records/<entity>/{id}/actions/<name>: the record actions of the entities in the document. */
export function actionPaths(entities: readonly EntityModel[], actions: readonly RecordActionInfo[], tagOf: (entity: string) => string, locale: string): Record<string, PathItem> {
  const shipped = locale === 'zh-CN' ? 'zh-CN' : 'en';
  const paths: Record<string, PathItem> = {};
  for (const action of actions) {
    if (!entities.some((e) => e.name === action.entity)) continue;
    paths[`/api/records/${action.entity}/{id}/actions/${action.name}`] = {
      post: {
        operationId: `${action.entity}.action.${action.name}`,
        summary: localize(action.label, locale, action.name),
        description: DESCRIPTION[shipped]!.replace('{requires}', REQUIRES[shipped]![action.requires]),
        tags: [tagOf(action.entity)],
        parameters: [{ name: 'id', in: 'path', required: true, description: 'The record id.', schema: { type: 'string', format: 'uuid' } }],
        requestBody: { required: false, content: json({ type: 'object', description: 'What the action takes.' }) },
        security: WRITE_SECURITY,
        responses: { 200: { description: 'What the action answers.', content: json({ type: 'object' }) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    };
  }
  return paths;
}
