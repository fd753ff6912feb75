import { defineIssues, list } from '../define';

/** Issues of references between definitions and of the semantic checks on them. */
export const referenceIssues = defineIssues({
  'ref.entity': {
    message: { en: (p) => `unknown entity "${p.name}"`, 'zh-CN': (p) => `未知实体 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'ref.field': {
    message: { en: (p) => `entity "${p.entity}" has no field "${p.name}"`, 'zh-CN': (p) => `实体 "${p.entity}" 没有字段 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'ref.fieldType': {
    message: { en: (p) => `field "${p.name}" is a ${p.type}, which cannot be used here`, 'zh-CN': (p) => `字段 "${p.name}" 的类型是 ${p.type}，不能用在这里` },
    expected: { en: (p) => String(p.wanted), 'zh-CN': (p) => String(p.wantedZh ?? p.wanted) },
  },
  'ref.role': {
    message: { en: (p) => `unknown role "${p.name}"`, 'zh-CN': (p) => `未知角色 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'ref.firstStartManager': {
    message: { en: (p) => `no first-start user has the e-mail "${p.name}"`, 'zh-CN': (p) => `首次启动用户中没有电子邮箱为 "${p.name}" 的用户` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'ref.roleCycle': {
    message: { en: (p) => `roles inherit from each other in a cycle: ${list(p.cycle, ' -> ')}`, 'zh-CN': (p) => `角色之间存在循环继承：${list(p.cycle, ' -> ')}` },
  },
  'ref.template': {
    message: { en: (p) => `unknown template "${p.name}"`, 'zh-CN': (p) => `未知模板 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known) || '(no templates)'}`, 'zh-CN': (p) => `以下之一：${list(p.known) || '（无模板）'}` },
  },
  'ref.process': {
    message: { en: (p) => `unknown process "${p.name}"`, 'zh-CN': (p) => `未知流程 "${p.name}"` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'field.default': {
    message: { en: (p) => `the default value is not valid for this field: ${p.reason}`, 'zh-CN': (p) => `默认值对此字段无效：${p.reason}` },
    expected: { en: (p) => String(p.wanted ?? 'a valid value'), 'zh-CN': (p) => String(p.wanted ?? '有效的值') },
  },
  'field.option': {
    message: { en: (p) => `option "${p.value}" appears twice`, 'zh-CN': (p) => `选项 "${p.value}" 重复出现` },
    expected: { en: () => 'distinct option values', 'zh-CN': () => '互不相同的选项值' },
  },
  'field.systemOnly': {
    message: {
      en: (p) => `field "${p.name}" is a ${p.type}: only Tessera's own user entity has one (its value lives in the runtime's tables)`,
      'zh-CN': (p) => `字段 "${p.name}" 的类型是 ${p.type}：只有 Tessera 自带的用户实体可以使用（其值保存在运行时自己的表中）`,
    },
    expected: { en: () => 'another field type', 'zh-CN': () => '其他字段类型' },
  },
  'field.range': {
    message: { en: (p) => `${p.low} (${p.lowValue}) is greater than ${p.high} (${p.highValue})`, 'zh-CN': (p) => `${p.low}（${p.lowValue}）大于 ${p.high}（${p.highValue}）` },
  },
  'rule.message': {
    message: { en: (p) => `the message has no ${p.locale} text`, 'zh-CN': (p) => `消息缺少 ${p.locale} 文本` },
  },
});
