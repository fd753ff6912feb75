import { defineIssues, list } from '../define';

/** Issues of an import: its options, its columns, and each line's cells. */
export const importIssues = defineIssues({
  'import.option': {
    message: { en: (p) => `import option "${p.name}" is not valid`, 'zh-CN': (p) => `导入选项 "${p.name}" 无效` },
    expected: { en: (p) => String(p.wanted), 'zh-CN': (p) => String(p.wantedZh ?? p.wanted) },
  },
  'import.key': {
    message: { en: (p) => `"${list(p.key)}" cannot identify ${p.entity} records for an upsert`, 'zh-CN': (p) => `"${list(p.key)}" 不能用于更新插入时识别 ${p.entity} 记录` },
    expected: { en: (p) => `id, or fields that are unique together: ${list(p.known, '; ')}`, 'zh-CN': (p) => `id，或组合唯一的字段：${list(p.known, '；')}` },
  },
  'import.keyColumn': {
    message: { en: (p) => `the upsert key field "${p.field}" has no column in the file`, 'zh-CN': (p) => `文件中没有更新插入键字段 "${p.field}" 的列` },
  },
  'import.column': {
    message: { en: (p) => `no field "${p.name}" in ${p.entity} for column "${p.header}"`, 'zh-CN': (p) => `列 "${p.header}"：${p.entity} 中没有字段 "${p.name}"` },
  },
  'import.target': {
    message: { en: (p) => `column "${p.header}": ${p.target} has no field "${p.name}" to find records by`, 'zh-CN': (p) => `列 "${p.header}"：${p.target} 没有可用于查找记录的字段 "${p.name}"` },
  },
  'import.repeated': {
    message: { en: (p) => `columns "${p.first}" and "${p.header}" both fill ${p.field}`, 'zh-CN': (p) => `列 "${p.first}" 和 "${p.header}" 都填写字段 ${p.field}` },
  },
  'import.forbidden': {
    message: { en: (p) => `column "${p.header}": you may not write ${p.field}`, 'zh-CN': (p) => `列 "${p.header}"：您无权写入字段 ${p.field}` },
  },
  'import.missing': {
    message: { en: (p) => `the mapping names column "${p.header}", which the file does not have`, 'zh-CN': (p) => `映射中指定的列 "${p.header}" 在文件中不存在` },
  },
  'import.header': {
    message: { en: () => 'the file has no header line', 'zh-CN': () => '文件没有表头行' },
  },
  'import.file': {
    message: { en: (p) => `the file cannot be read as ${p.format}: ${p.reason}`, 'zh-CN': (p) => `无法按 ${p.format} 读取文件：${p.reason}` },
  },
  'import.cell': {
    message: { en: (p) => `column "${p.header}": "${p.value}" is not valid`, 'zh-CN': (p) => `列 "${p.header}"："${p.value}" 无效` },
    expected: { en: (p) => String(p.expected), 'zh-CN': (p) => String(p.expected) },
  },
  'import.lookup': {
    message: { en: (p) => `column "${p.header}": no ${p.target} with ${p.by} "${p.value}"`, 'zh-CN': (p) => `列 "${p.header}"：找不到 ${p.by} 为 "${p.value}" 的 ${p.target}` },
  },
  'import.ambiguous': {
    message: { en: (p) => `column "${p.header}": ${p.count} ${p.target} records have ${p.by} "${p.value}"`, 'zh-CN': (p) => `列 "${p.header}"：有 ${p.count} 条 ${p.target} 记录的 ${p.by} 为 "${p.value}"` },
    expected: { en: () => 'a value that names one record (or map the column to a unique field)', 'zh-CN': () => '能唯一确定一条记录的值（或将该列映射到唯一字段）' },
  },
  'import.keyRepeated': {
    message: { en: (p) => `line ${p.other} already has this ${list(p.key)}`, 'zh-CN': (p) => `第 ${p.other} 行已有相同的 ${list(p.key)}` },
  },
});
