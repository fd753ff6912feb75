import type { LocalIssue } from '../errors/issue';
import { fieldTypes } from '../fields/builtins';
import type { AppModel, EntityModel, FieldModel } from '../model/app-model';

/** Where a column's cells go: a field of the entity, or (for a lookup) a field of its target that names the record. */
export interface MappedColumn {
  readonly index: number;
  readonly header: string;
  readonly field: string;
  /** For a reference field: the target's field the cell holds (its id when missing). */
  readonly by?: string;
}

/** A column left out, and why (kept in the import's report). */
export interface IgnoredColumn {
  readonly index: number;
  readonly header: string;
  readonly reason: 'unknown' | 'readOnly' | 'ignored';
}

/** How a file's columns map onto an entity. */
export interface ColumnMapping {
  readonly columns: readonly MappedColumn[];
  readonly ignored: readonly IgnoredColumn[];
}

/** Explicit choices: header to "field", "field.targetField", or null to leave the column out. */
export type ExplicitMapping = Readonly<Record<string, string | null>>;

/** The forms a header may take, compared without case, width or surrounding spaces. */
const norm = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** Every name a field answers to in a header: its name and its label in any language, as export writes them too. */
function namesOf(field: FieldModel): string[] {
  const labels = Object.values(field.label ?? {});
  return [field.name, ...labels, ...labels.map((l) => `${l} (${field.name})`)].map(norm);
}

function findField(entity: EntityModel, text: string): FieldModel | undefined {
  const wanted = norm(text);
  const fields = entity.fieldNames.map((n) => entity.fields[n]!);
  return fields.find((f) => norm(f.name) === wanted) ?? fields.find((f) => namesOf(f).includes(wanted));
}

type Resolved = { field: FieldModel; by?: string } | { missing: 'field' } | { missing: 'target'; target: string; name: string };

/** Resolves "field" or "field.targetField" (names or labels) to the field a column fills. */
function resolve(app: AppModel, entity: EntityModel, text: string): Resolved {
  const direct = findField(entity, text);
  if (direct) return { field: direct };
  const dot = text.lastIndexOf('.');
  const field = dot > 0 ? findField(entity, text.slice(0, dot)) : undefined;
  const target = field && fieldTypes.get(field.type).target?.(field.definition as never);
  if (!field || !target) return { missing: 'field' };
  const by = findField(app.entities[target]!, text.slice(dot + 1));
  return by ? { field, by: by.name } : { missing: 'target', target, name: text.slice(dot + 1) };
}

/**
 * Maps a file's headers onto an entity's fields: explicitly where the caller says, otherwise by field name or label in
 * any language ("Account", "客户"), and "account.code" names a lookup's target by another field. A column for a field
 * the caller may not write is an issue; read-only fields (other than id, the upsert key) and unknown headers are left
 * out and reported.
 */
export function mapColumns(app: AppModel, entity: EntityModel, headers: readonly string[], writable: (field: string) => boolean, explicit: ExplicitMapping = {}): { mapping: ColumnMapping; issues: LocalIssue[] } {
  const columns: MappedColumn[] = [];
  const ignored: IgnoredColumn[] = [];
  const issues: LocalIssue[] = [];
  const byHeader = new Map(Object.entries(explicit).map(([h, f]) => [norm(h), { header: h, field: f }]));
  headers.forEach((header, index) => {
    const path = `/columns/${index}`;
    const chosen = byHeader.get(norm(header))?.field;
    if (chosen === null || chosen === '') return void ignored.push({ index, header, reason: 'ignored' });
    const found = resolve(app, entity, chosen ?? header);
    if ('missing' in found) {
      if (found.missing === 'target') return void issues.push({ code: 'import.target', path, params: { header, target: found.target, name: found.name } });
      if (chosen === undefined) return void ignored.push({ index, header, reason: 'unknown' });
      return void issues.push({ code: 'import.column', path, params: { header, entity: entity.name, name: chosen } });
    }
    const { field, by } = found;
    if (field.name !== 'id' && (field.system || fieldTypes.get(field.type).computed || (field.definition as { readOnly?: boolean }).readOnly)) {
      return void ignored.push({ index, header, reason: 'readOnly' });
    }
    if (field.name !== 'id' && !writable(field.name)) return void issues.push({ code: 'import.forbidden', path, params: { header, field: field.name } });
    const first = columns.find((c) => c.field === field.name);
    if (first) return void issues.push({ code: 'import.repeated', path, params: { header, first: first.header, field: field.name } });
    columns.push({ index, header, field: field.name, ...(by ? { by } : {}) });
  });
  for (const [key, { header }] of byHeader) {
    if (!headers.some((h) => norm(h) === key)) issues.push({ code: 'import.missing', path: '/mapping', params: { header } });
  }
  return { mapping: { columns, ignored }, issues };
}
