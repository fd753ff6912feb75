import { defineIssues, list } from '../define';

/** Issues of plugin resolution and of merging layers (dependencies, extends, customizations). */
export const layerIssues = defineIssues({
  'plugin.missing': {
    message: { en: (p) => `plugin "${p.name}" is not installed${p.by ? ` (needed by ${p.by})` : ''}`, 'zh-CN': (p) => `未安装插件 "${p.name}"${p.by ? `（${p.by} 依赖它）` : ''}` },
    expected: { en: () => 'an installed plugin', 'zh-CN': () => '已安装的插件' },
  },
  'plugin.version': {
    message: { en: (p) => `plugin "${p.name}" is version ${p.version}, outside the range ${p.range} that ${p.by} needs`, 'zh-CN': (p) => `插件 "${p.name}" 的版本 ${p.version} 不满足 ${p.by} 要求的范围 ${p.range}` },
    expected: { en: (p) => `a version in ${p.range}`, 'zh-CN': (p) => `${p.range} 范围内的版本` },
  },
  'plugin.range': {
    message: { en: (p) => `"${p.range}" is not a valid semver range`, 'zh-CN': (p) => `"${p.range}" 不是有效的 semver 版本范围` },
    expected: { en: () => 'a semver range such as ^1.2.0', 'zh-CN': () => 'semver 版本范围，如 ^1.2.0' },
  },
  'plugin.cycle': {
    message: { en: (p) => `plugins depend on each other in a cycle: ${list(p.cycle, ' -> ')}`, 'zh-CN': (p) => `插件之间存在循环依赖：${list(p.cycle, ' -> ')}` },
    expected: { en: () => 'dependencies without cycles', 'zh-CN': () => '无循环的依赖关系' },
  },
  'plugin.duplicate': {
    message: { en: (p) => `two plugins are named "${p.name}" (${list(p.dirs, ' and ')})`, 'zh-CN': (p) => `有两个插件都名为 "${p.name}"（${list(p.dirs, ' 和 ')}）` },
  },
  'name.duplicate': {
    message: { en: (p) => `${p.kind} "${p.name}" is already defined in ${p.other}`, 'zh-CN': (p) => `${p.kind} "${p.name}" 已在 ${p.other} 中定义` },
    expected: { en: (p) => (p.kind === 'entity' ? `a new name, or {"extends": "${p.name}"}` : 'a new name'), 'zh-CN': (p) => (p.kind === 'entity' ? `新的名称，或 {"extends": "${p.name}"}` : '新的名称') },
  },
  'name.reserved': {
    message: { en: (p) => `"${p.name}" is reserved`, 'zh-CN': (p) => `"${p.name}" 是保留名称` },
    expected: { en: (p) => `a name other than ${list(p.reserved)}`, 'zh-CN': (p) => `${list(p.reserved)} 以外的名称` },
  },
  'name.tooLong': {
    message: { en: (p) => `"${p.name}" becomes the SQL identifier "${p.sql}" of ${p.bytes} bytes; PostgreSQL keeps only 63`, 'zh-CN': (p) => `"${p.name}" 对应的 SQL 标识符 "${p.sql}" 长 ${p.bytes} 字节，PostgreSQL 只保留 63 字节` },
    expected: { en: () => 'at most 63 bytes in snake_case', 'zh-CN': () => 'snake_case 形式不超过 63 字节' },
  },
  'name.collision': {
    message: { en: (p) => `"${p.name}" and "${p.other}" both become the SQL identifier "${p.sql}"`, 'zh-CN': (p) => `"${p.name}" 与 "${p.other}" 对应同一个 SQL 标识符 "${p.sql}"` },
    expected: { en: () => 'names that differ in snake_case', 'zh-CN': () => 'snake_case 形式互不相同的名称' },
  },
  'extends.unknown': {
    message: { en: (p) => `cannot extend ${p.kind} "${p.name}": no layer below defines it`, 'zh-CN': (p) => `无法扩展 ${p.kind} "${p.name}"：下层没有定义它` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'extends.redefine': {
    message: { en: (p) => `field "${p.field}" of ${p.entity} is defined by ${p.owner}; another layer cannot redefine it`, 'zh-CN': (p) => `字段 "${p.field}"（${p.entity}）由 ${p.owner} 定义，其他层不能重新定义` },
    expected: { en: () => 'a new field name (or a customization patch)', 'zh-CN': () => '新的字段名（或使用定制补丁）' },
  },
  'extends.notPicklist': {
    message: { en: (p) => `field "${p.field}" is a ${p.type}; only picklist and multiPicklist fields take options`, 'zh-CN': (p) => `字段 "${p.field}" 的类型是 ${p.type}，只有 picklist 和 multiPicklist 字段可以添加选项` },
    expected: { en: () => 'a picklist or multiPicklist field', 'zh-CN': () => 'picklist 或 multiPicklist 字段' },
  },
  'customization.target': {
    message: { en: (p) => `the customization targets ${p.kind} "${p.name}", which does not exist`, 'zh-CN': (p) => `定制补丁的目标 ${p.kind} "${p.name}" 不存在` },
    expected: { en: () => 'an existing definition, or an "add" of a whole document at path ""', 'zh-CN': () => '已存在的定义，或在路径 "" 上 "add" 整个文档' },
  },
  'customization.patch': {
    message: { en: (p) => `patch operation failed: ${p.reason}`, 'zh-CN': (p) => `补丁操作失败：${p.reason}` },
  },
  'customization.result': {
    message: { en: (p) => `after the patch, ${p.kind} "${p.name}" at ${p.at || '/'}: ${p.detail}`, 'zh-CN': (p) => `应用补丁后，${p.kind} "${p.name}" 的 ${p.at || '/'}：${p.detailZh ?? p.detail}` },
  },
});
