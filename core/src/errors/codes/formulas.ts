import { defineIssues, list } from '../define';

/** Issues of parsing and type-checking a formula. */
export const formulaIssues = defineIssues({
  'formula.syntax': {
    message: { en: (p) => `the formula cannot be parsed: ${p.reason}`, 'zh-CN': (p) => `无法解析公式：${p.reason}` },
    expected: { en: () => 'an expression such as amount * probability / 100', 'zh-CN': () => '表达式，如 amount * probability / 100' },
  },
  'formula.field': {
    message: { en: (p) => `the formula names "${p.name}", which entity "${p.entity}" does not have`, 'zh-CN': (p) => `公式引用了 "${p.name}"，但实体 "${p.entity}" 没有此字段` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'formula.function': {
    message: { en: (p) => `unknown function ${p.name}()`, 'zh-CN': (p) => `未知函数 ${p.name}()` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'formula.arity': {
    message: { en: (p) => `${p.name}() takes ${p.wanted} arguments, not ${p.count}`, 'zh-CN': (p) => `${p.name}() 需要 ${p.wanted} 个参数，而不是 ${p.count} 个` },
  },
  'formula.type': {
    message: { en: (p) => `${p.what} needs ${p.wanted}, but gets ${p.got}`, 'zh-CN': (p) => `${p.what} 需要 ${p.wanted}，但得到的是 ${p.got}` },
    expected: { en: (p) => String(p.wanted), 'zh-CN': (p) => String(p.wanted) },
  },
  'formula.result': {
    message: { en: (p) => `the formula gives a ${p.got}, but resultType is ${p.resultType}`, 'zh-CN': (p) => `公式的结果是 ${p.got}，但 resultType 为 ${p.resultType}` },
    expected: { en: (p) => `an expression giving a ${p.wanted}`, 'zh-CN': (p) => `结果为 ${p.wanted} 的表达式` },
  },
  'formula.cycle': {
    message: { en: (p) => `formulas refer to each other in a cycle: ${list(p.cycle, ' -> ')}`, 'zh-CN': (p) => `公式之间存在循环引用：${list(p.cycle, ' -> ')}` },
  },
});
