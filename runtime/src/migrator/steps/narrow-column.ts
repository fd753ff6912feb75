import { defineStep } from '../step';
import { measureConversion, typeChangeSql, typeChangeText, type TypeChangeParams } from './type-steps';

/**
 * Gives a column less room (shorter text, fewer digits): values that would not fit block it, and since fewer digits
 * may round values it is destructive, with the column archived first. (No quiet revert to the wider type.)
 */
export const narrowColumn = defineStep<TypeChangeParams>({
  kind: 'narrowColumn',
  safety: 'destructive',
  archive: 'column',
  sql: typeChangeSql,
  measure: measureConversion,
  describe: (p, impact) => typeChangeText({ en: 'Narrow', 'zh-CN': '缩小列' }, p, impact.rows),
});
