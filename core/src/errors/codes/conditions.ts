import { defineIssues, list, show } from '../define';

const WHAT_ZH: Readonly<Record<string, string>> = {
  'levels of nesting': '嵌套层数', terms: '条件项数', 'items in a list': '列表项数', 'lookups in a path': '路径中的查找层数',
};
const whatZh = (what: unknown): string => WHAT_ZH[String(what)] ?? String(what);

/** Issues of type-checking a condition against an entity. */
export const conditionIssues = defineIssues({
  'condition.field': {
    message: { en: (p) => `entity "${p.entity}" has no field "${p.name}"`, 'zh-CN': (p) => `实体 "${p.entity}" 没有字段 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'condition.path': {
    message: { en: (p) => `"${p.name}" is a ${p.type}, not a lookup: a dot path cannot go through it`, 'zh-CN': (p) => `"${p.name}" 的类型是 ${p.type}，不是查找字段，点路径不能经过它` },
    expected: { en: () => 'a lookup, masterDetail or user field before the dot', 'zh-CN': () => '点号前应为 lookup、masterDetail 或 user 字段' },
  },
  'condition.operator': {
    message: { en: (p) => `operator ${p.op} cannot be used on a ${p.type} field`, 'zh-CN': (p) => `运算符 ${p.op} 不能用于 ${p.type} 类型的字段` },
    // A type without operators (a password) cannot be filtered at all.
    expected: {
      en: (p) => (list(p.allowed) ? `one of ${list(p.allowed)}` : 'no condition on this field'),
      'zh-CN': (p) => (list(p.allowed) ? `以下之一：${list(p.allowed)}` : '不能对此字段设置条件'),
    },
  },
  'condition.unknownOperator': {
    message: { en: (p) => `unknown operator ${show(p.op)}`, 'zh-CN': (p) => `未知运算符 ${show(p.op)}` },
    expected: { en: (p) => `one of ${list(p.allowed)}`, 'zh-CN': (p) => `以下之一：${list(p.allowed)}` },
  },
  'condition.value': {
    message: { en: (p) => `${p.op} on ${p.type} field "${p.name}" needs ${p.wanted}`, 'zh-CN': (p) => `字段 "${p.name}"（${p.type}）上的 ${p.op} 需要 ${p.wantedZh ?? p.wanted}` },
    expected: { en: (p) => String(p.wanted), 'zh-CN': (p) => String(p.wantedZh ?? p.wanted) },
  },
  'condition.placeholder': {
    message: { en: (p) => `unknown placeholder ${show(p.name)}`, 'zh-CN': (p) => `未知占位符 ${show(p.name)}` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'condition.placeholderUse': {
    message: {
      en: (p) => `placeholder ${show(p.name)} cannot be used with ${p.op} on ${p.type} field "${p.field}"`,
      'zh-CN': (p) => `占位符 ${show(p.name)} 不能与 ${p.op} 一起用于 ${p.type} 类型的字段 "${p.field}"`,
    },
    expected: {
      en: (p) => (p.shape === 'list' ? `the whole list of $in or $nin on a ${p.kind} field` : `the value of $eq, $ne, $gt... (or an element of $in, $nin) on a ${p.kind} field`),
      'zh-CN': (p) => (p.shape === 'list' ? `${p.kind} 字段上 $in 或 $nin 的整个列表` : `${p.kind} 字段上 $eq、$ne、$gt 等的值（或 $in、$nin 的元素）`),
    },
  },
  'condition.shape': {
    message: { en: (p) => `not a condition: ${p.reason}`, 'zh-CN': (p) => `不是有效的条件：${p.reasonZh ?? p.reason}` },
    expected: { en: () => 'an object of {field: value} or {field: {$op: value}}, $and, $or, $not', 'zh-CN': () => '形如 {字段: 值} 或 {字段: {$运算符: 值}}、$and、$or、$not 的对象' },
  },
  'condition.limit': {
    message: { en: (p) => `the condition is too large: more than ${p.limit} ${p.what}`, 'zh-CN': (p) => `条件过大：${whatZh(p.what)}超过 ${p.limit}` },
    expected: { en: (p) => `at most ${p.limit} ${p.what}`, 'zh-CN': (p) => `${whatZh(p.what)}不超过 ${p.limit}` },
  },
});
