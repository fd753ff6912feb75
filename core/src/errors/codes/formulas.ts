import { defineIssues, list, type IssueParams } from '../define';

const TYPE_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  number: { en: 'a number', 'zh-CN': '数字' },
  text: { en: 'text', 'zh-CN': '文本' },
  boolean: { en: 'true/false', 'zh-CN': '布尔值' },
  date: { en: 'a date', 'zh-CN': '日期' },
  datetime: { en: 'a date-time', 'zh-CN': '日期时间' },
};

const typeName = (type: unknown, locale: 'en' | 'zh-CN'): string => TYPE_NAMES[String(type)]?.[locale] ?? String(type);
const types = (value: unknown, locale: 'en' | 'zh-CN'): string =>
  (Array.isArray(value) ? value : [value]).map((t) => typeName(t, locale)).join(locale === 'en' ? ' or ' : '或');

// What a type rule was about: an operator, an argument of a function, or a field the formula reads.
const subject = (p: IssueParams, locale: 'en' | 'zh-CN'): string => {
  if (p.fn !== undefined) return locale === 'en' ? `argument ${p.index} of ${p.fn}()` : `${p.fn}() 的第 ${p.index} 个参数`;
  if (p.op !== undefined) return locale === 'en' ? `operator ${p.op}` : `运算符 ${p.op}`;
  return locale === 'en' ? `field "${p.field}"` : `字段 "${p.field}"`;
};

/** Issues of parsing and type-checking a formula. */
export const formulaIssues = defineIssues({
  'formula.syntax': {
    message: { en: (p) => `the formula cannot be parsed: ${p.reason}`, 'zh-CN': (p) => `无法解析公式：${p.reason}` },
    expected: { en: () => 'an expression such as amount * probability / 100', 'zh-CN': () => '表达式，如 amount * probability / 100' },
  },
  'formula.field': {
    message: {
      en: (p) => (p.through !== undefined ? `"${p.name}" cannot go through "${p.through}", a ${p.type} field: only lookups can be followed`
        : p.limit !== undefined ? `"${p.name}" follows more than ${p.limit} lookups`
          : `the formula names "${p.name}", which entity "${p.entity}" does not have`),
      'zh-CN': (p) => (p.through !== undefined ? `"${p.name}" 不能经过 "${p.through}"（${p.type} 类型）：只能沿查找字段引用`
        : p.limit !== undefined ? `"${p.name}" 经过的查找超过 ${p.limit} 层`
          : `公式引用了 "${p.name}"，但实体 "${p.entity}" 没有此字段`),
    },
    expected: {
      en: (p) => (p.known ? `one of ${list(p.known)}` : p.limit !== undefined ? `at most ${p.limit} lookups` : 'a lookup before each dot'),
      'zh-CN': (p) => (p.known ? `以下之一：${list(p.known)}` : p.limit !== undefined ? `不超过 ${p.limit} 层查找` : '点号前应为查找字段'),
    },
  },
  'formula.function': {
    message: { en: (p) => `unknown function ${p.name}()`, 'zh-CN': (p) => `未知函数 ${p.name}()` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'formula.arity': {
    message: { en: (p) => `${p.name}() takes ${p.wanted} arguments, not ${p.count}`, 'zh-CN': (p) => `${p.name}() 需要 ${p.wanted} 个参数，而不是 ${p.count} 个` },
  },
  'formula.type': {
    message: {
      en: (p) => `${subject(p, 'en')} needs ${types(p.wanted, 'en')}, but gets ${types(p.got, 'en')}`,
      'zh-CN': (p) => `${subject(p, 'zh-CN')} 需要${types(p.wanted, 'zh-CN')}，但得到的是${types(p.got, 'zh-CN')}`,
    },
    expected: { en: (p) => types(p.wanted, 'en'), 'zh-CN': (p) => types(p.wanted, 'zh-CN') },
  },
  'formula.result': {
    message: {
      en: (p) => `the formula gives ${types(p.got, 'en')}, but resultType is ${p.resultType}`,
      'zh-CN': (p) => `公式的结果是${types(p.got, 'zh-CN')}，但 resultType 为 ${p.resultType}`,
    },
    expected: { en: (p) => `an expression giving ${types(p.wanted, 'en')}`, 'zh-CN': (p) => `结果为${types(p.wanted, 'zh-CN')}的表达式` },
  },
  'formula.cycle': {
    message: { en: (p) => `formulas refer to each other in a cycle: ${list(p.cycle, ' -> ')}`, 'zh-CN': (p) => `公式之间存在循环引用：${list(p.cycle, ' -> ')}` },
  },
});
