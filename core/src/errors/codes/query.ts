import { defineIssues, list } from '../define';

/** Issues of a list request's query string (filter, sort, fields, expand, paging). */
export const queryIssues = defineIssues({
  'query.parameter': {
    message: { en: (p) => `unknown query parameter "${p.name}"`, 'zh-CN': (p) => `未知的查询参数 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'query.json': {
    message: { en: (p) => `the filter is not valid JSON: ${p.reason}`, 'zh-CN': (p) => `filter 不是有效的 JSON：${p.reason}` },
    expected: { en: () => 'a JSON condition such as {"stage":"won"}', 'zh-CN': () => 'JSON 条件，如 {"stage":"won"}' },
  },
  'query.field': {
    message: { en: (p) => `entity "${p.entity}" has no field "${p.name}"${p.use ? ` to ${p.use}` : ''}`, 'zh-CN': (p) => `实体 "${p.entity}" 没有${p.useZh ? `可用于${p.useZh}的` : ''}字段 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'query.value': {
    message: { en: (p) => `"${p.name}" is not valid: ${p.wanted}`, 'zh-CN': (p) => `"${p.name}" 无效：${p.wantedZh ?? p.wanted}` },
    expected: { en: (p) => String(p.wanted), 'zh-CN': (p) => String(p.wantedZh ?? p.wanted) },
  },
});
