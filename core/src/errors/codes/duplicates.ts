import { defineIssues } from '../define';

/** Issues of duplicate rules (entity "duplicateRules"). */
export const duplicateIssues = defineIssues({
  'duplicateRule.fieldTwice': {
    message: { en: (p) => `field "${p.field}" appears twice in duplicate rule "${p.name}"`, 'zh-CN': (p) => `字段 "${p.field}" 在查重规则 "${p.name}" 中出现了两次` },
    expected: { en: () => 'each field once', 'zh-CN': () => '每个字段只出现一次' },
  },
  'duplicateRule.tooWide': {
    message: {
      en: (p) => `the fields of duplicate rule "${p.name}" may hold up to ${p.bytes} bytes, more than an index entry holds`,
      'zh-CN': (p) => `查重规则 "${p.name}" 的字段最多可达 ${p.bytes} 字节，超出索引条目的上限`,
    },
    expected: { en: (p) => `at most ${p.max} bytes (4 per character of a text's maxLength): fewer fields or shorter texts`, 'zh-CN': (p) => `不超过 ${p.max} 字节（文本按 maxLength 每字符 4 字节计）：减少字段或缩短文本长度` },
  },
});
