import type { DuplicateRuleField } from '@tessera/metadata';
import type { LocalIssue } from '../errors/issue';
import { fieldTypes } from '../fields/builtins';
import type { ColumnSpec } from '../fields/field-type';
import type { FieldModel } from '../model/app-model';

/** How a rule compares a field: its stored value, or its type's match key. */
export type MatchMode = DuplicateRuleField['match'];

// Columns of unbounded text (long and rich text), JSON and lists: an index entry cannot hold them, nor = compare lists.
const UNMATCHABLE: ReadonlySet<ColumnSpec['sqlType']> = new Set(['text', 'jsonb', 'text[]']);

/** The largest index entry a rule may ask for: a btree entry holds at most 2,704 bytes, with room for its header. */
export const MAX_KEY_BYTES = 2600;

/** The column a rule compares, when the field can be matched at all: stored, read by clients, of a bounded plain value. */
export function matchColumn(field: FieldModel): ColumnSpec | undefined {
  const type = fieldTypes.get(field.type);
  const column = type.column(field.definition as never);
  return column && !type.writeOnly && !UNMATCHABLE.has(column.sqlType) ? column : undefined;
}

/** The most bytes a field's index key may take: four a character of a bounded text, a fixed width otherwise. */
export const keyBytes = (column: ColumnSpec): number => (column.length === undefined ? 16 : column.length * 4);

/** Why a field cannot be matched this way, as an issue at the rule field's pointer; nothing when it can. */
export function matchIssue(field: FieldModel, match: MatchMode, path: string): LocalIssue | undefined {
  const normalizable = fieldTypes.values().filter((t) => t.matchKey).map((t) => t.name);
  const fits = matchColumn(field) && (match === 'exact' || fieldTypes.get(field.type).matchKey);
  if (fits) return undefined;
  const wanted = match === 'exact'
    ? { en: 'a field stored as a plain value (not long or rich text, JSON, lists, formulas or passwords)', 'zh-CN': '以普通值存储的字段（不能是长文本、富文本、JSON、多选列表、公式或密码）' }
    : { en: `a ${normalizable.join(', ')} field, or "match": "exact"`, 'zh-CN': `${normalizable.join('、')} 类型的字段，或 "match": "exact"` };
  return { code: 'ref.fieldType', path, params: { name: field.name, type: field.type, wanted: wanted.en, wantedZh: wanted['zh-CN'] }, found: field.type };
}
