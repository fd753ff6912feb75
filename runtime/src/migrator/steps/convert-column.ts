import { defineStep } from '../step';
import { measureConversion, typeChangeSql, typeChangeText, type TypeChangeParams } from './type-steps';

/** Changes a column to another kind of value (text to number, date to timestamp...): failing values block it; archived first. */
export const convertColumn = defineStep<TypeChangeParams>({
  kind: 'convertColumn',
  safety: 'destructive',
  archive: 'column',
  sql: typeChangeSql,
  measure: measureConversion,
  describe: (p, impact) => typeChangeText({ en: 'Convert', 'zh-CN': '转换列' }, p, impact.rows),
});
