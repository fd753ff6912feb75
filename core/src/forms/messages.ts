import type { ErrorObject } from 'ajv';

type Params = Record<string, unknown>;
type Message = { readonly en: (p: Params) => string; readonly 'zh-CN': (p: Params) => string };

const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : String(v));

/** Messages for the JSON Schema keywords a form reports, in every shipped language. */
export const keywordMessages: Record<string, Message> = {
  required: { en: () => 'is required', 'zh-CN': () => '必填' },
  type: { en: (p) => `must be ${list(p.type).replace(/,/g, ' or')}`, 'zh-CN': (p) => `类型应为 ${list(p.type)}` },
  maxLength: { en: (p) => `must be at most ${p.limit} characters`, 'zh-CN': (p) => `不能超过 ${p.limit} 个字符` },
  minLength: { en: (p) => `must be at least ${p.limit} characters`, 'zh-CN': (p) => `至少 ${p.limit} 个字符` },
  maximum: { en: (p) => `must be at most ${p.limit}`, 'zh-CN': (p) => `不能大于 ${p.limit}` },
  minimum: { en: (p) => `must be at least ${p.limit}`, 'zh-CN': (p) => `不能小于 ${p.limit}` },
  exclusiveMaximum: { en: (p) => `must be less than ${p.limit}`, 'zh-CN': (p) => `必须小于 ${p.limit}` },
  exclusiveMinimum: { en: (p) => `must be greater than ${p.limit}`, 'zh-CN': (p) => `必须大于 ${p.limit}` },
  maxItems: { en: (p) => `must have at most ${p.limit} items`, 'zh-CN': (p) => `最多 ${p.limit} 项` },
  uniqueItems: { en: () => 'must not repeat an item', 'zh-CN': () => '不能有重复项' },
  enum: { en: (p) => `must be one of ${list(p.allowedValues)}`, 'zh-CN': (p) => `必须是以下之一：${list(p.allowedValues)}` },
  format: { en: (p) => `must be a valid ${p.format}`, 'zh-CN': (p) => `不是有效的 ${p.format}` },
  pattern: { en: () => 'has the wrong form', 'zh-CN': () => '格式不正确' },
  additionalProperties: { en: () => 'is not a field of this record', 'zh-CN': () => '不是此记录的字段' },
};

/** An Ajv error's message in a language; keywords without an entry keep Ajv's English text. */
export function keywordMessage(error: ErrorObject, locale: string): string {
  const message = keywordMessages[error.keyword];
  if (!message) return locale === 'zh-CN' ? '值无效' : (error.message ?? 'is invalid');
  return (locale === 'zh-CN' ? message['zh-CN'] : message.en)(error.params as Params);
}
