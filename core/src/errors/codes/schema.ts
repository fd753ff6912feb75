import { defineIssues, list, show } from '../define';

/** Issues found by validating a file against its JSON Schema (mapped from ajv's keywords). */
export const schemaIssues = defineIssues({
  'json.syntax': {
    message: { en: (p) => `not valid JSON: ${p.reason}`, 'zh-CN': (p) => `不是有效的 JSON：${p.reason}` },
    expected: { en: () => 'a JSON document', 'zh-CN': () => 'JSON 文档' },
  },
  'file.missing': {
    message: { en: (p) => `file not found: ${p.name}`, 'zh-CN': (p) => `找不到文件：${p.name}` },
  },
  'file.kind': {
    message: { en: (p) => `this file declares the ${p.declared} schema but is read as ${p.kind}`, 'zh-CN': (p) => `此文件声明的模式为 ${p.declared}，但按 ${p.kind} 读取` },
    expected: { en: (p) => `"$schema" naming ${p.kind}.schema.json`, 'zh-CN': (p) => `"$schema" 指向 ${p.kind}.schema.json` },
  },
  'schema.required': {
    message: { en: (p) => `missing required property "${p.property}"`, 'zh-CN': (p) => `缺少必填属性 "${p.property}"` },
    expected: { en: (p) => `a property "${p.property}"`, 'zh-CN': (p) => `属性 "${p.property}"` },
  },
  'schema.unknownProperty': {
    message: { en: (p) => `unknown property "${p.property}"`, 'zh-CN': (p) => `未知属性 "${p.property}"` },
    expected: { en: (p) => (p.allowed ? `one of ${list(p.allowed)}` : 'no such property'), 'zh-CN': (p) => (p.allowed ? `以下之一：${list(p.allowed)}` : '不应有此属性') },
  },
  'schema.type': {
    message: { en: (p) => `wrong type: must be ${list(p.type, ' or ')}`, 'zh-CN': (p) => `类型错误：应为 ${list(p.type, ' 或 ')}` },
    expected: { en: (p) => list(p.type, ' or '), 'zh-CN': (p) => list(p.type, ' 或 ') },
  },
  'schema.enum': {
    message: { en: () => `not an allowed value`, 'zh-CN': () => `不是允许的值` },
    expected: { en: (p) => `one of ${list((p.allowed as unknown[]).map(show))}`, 'zh-CN': (p) => `以下之一：${list((p.allowed as unknown[]).map(show))}` },
  },
  'schema.unknownType': {
    message: { en: (p) => `unknown ${p.tag} ${show(p.value)}`, 'zh-CN': (p) => `未知的 ${p.tag}：${show(p.value)}` },
    expected: { en: (p) => `one of ${list(p.allowed)}`, 'zh-CN': (p) => `以下之一：${list(p.allowed)}` },
  },
  'schema.pattern': {
    message: { en: (p) => `does not match the required pattern${p.hint ? ` (${p.hint})` : ''}`, 'zh-CN': () => '格式不符合要求' },
    expected: { en: (p) => `text matching ${p.pattern}`, 'zh-CN': (p) => `匹配 ${p.pattern} 的文本` },
  },
  'schema.format': {
    message: { en: (p) => `not a valid ${p.format}`, 'zh-CN': (p) => `不是有效的 ${p.format}` },
    expected: { en: (p) => `a ${p.format}`, 'zh-CN': (p) => `有效的 ${p.format}` },
  },
  'schema.range': {
    message: { en: (p) => `out of range: must be ${p.comparison} ${p.limit}`, 'zh-CN': (p) => `超出范围：应 ${p.comparison} ${p.limit}` },
    expected: { en: (p) => `${p.comparison} ${p.limit}`, 'zh-CN': (p) => `${p.comparison} ${p.limit}` },
  },
  'schema.length': {
    message: { en: (p) => `must have ${p.comparison} ${p.limit} ${p.unit}`, 'zh-CN': (p) => `${p.unit === 'items' ? '项数' : p.unit === 'properties' ? '属性数' : '长度'}应 ${p.comparison} ${p.limit}` },
    expected: { en: (p) => `${p.comparison} ${p.limit} ${p.unit}`, 'zh-CN': (p) => `${p.comparison} ${p.limit}` },
  },
  'schema.uniqueItems': {
    message: { en: (p) => `items ${p.i} and ${p.j} are the same`, 'zh-CN': (p) => `第 ${p.i} 项与第 ${p.j} 项重复` },
    expected: { en: () => 'distinct items', 'zh-CN': () => '各项互不相同' },
  },
  'schema.const': {
    message: { en: (p) => `must be ${show(p.allowed)}`, 'zh-CN': (p) => `应为 ${show(p.allowed)}` },
    expected: { en: (p) => show(p.allowed), 'zh-CN': (p) => show(p.allowed) },
  },
  'schema.invalid': {
    message: { en: (p) => `invalid: ${p.reason}`, 'zh-CN': (p) => `无效：${p.reason}` },
  },
});
