import { duplicateKeys, type ColumnMapping, type EntityModel } from '@tessera/core';
import type { Knex } from 'knex';
import { duplicateError, rulesToCheck } from '../../duplicates/duplicate-check';
import { findDuplicates, type DuplicateMatch } from '../../duplicates/find-duplicates';
import type { RecordContext } from '../../records/operations';
import type { LineError } from './line-errors';
import type { WritingLine } from './prepare-lines';

/** What the duplicate rules say of a batch: the lines a block rule refuses, and warnings about lines written anyway. */
export interface DuplicateFindings {
  readonly refused: Map<number, LineError[]>;
  readonly warnings: LineError[];
}

/**
 * Checks a batch's lines against the entity's duplicate rules, as a create or an update through the API is checked:
 * against stored records (one statement per rule for the batch) and against earlier lines of the file (`seen`, by rule
 * and match key). A block rule refuses the line; a warn rule lets it be written and reports it, since nobody is there
 * to confirm each line of a file.
 */
export async function importDuplicates(trx: Knex.Transaction, ctx: RecordContext, entity: EntityModel, mapping: ColumnMapping, lines: readonly WritingLine[], seen: Map<string, number>): Promise<DuplicateFindings> {
  const findings: DuplicateFindings = { refused: new Map(), warnings: [] };
  if (!entity.duplicateRules.length || !lines.length) return findings;
  const stored = await findDuplicates(trx, ctx.app, entity, lines.map((l) => l.record), lines.map((l) => (l.kind === 'update' ? l.before.id as string : undefined)));
  lines.forEach((line, i) => {
    const checked = new Set(rulesToCheck('refuse', entity, line.record, line.kind === 'update' ? line.before : undefined).map((r) => r.name));
    const found = stored[i]!.filter((m) => checked.has(m.rule)).map((m) => ({ match: m, other: undefined as number | undefined }));
    for (const key of duplicateKeys(entity, line.record)) {
      const id = `${key.rule}\0${key.key}`;
      const other = seen.get(id);
      if (other === undefined) seen.set(id, line.line);
      else if (checked.has(key.rule)) found.push({ match: { rule: key.rule, action: key.action, fields: ruleFields(entity, key.rule), ids: [] }, other });
    }
    for (const { match, other } of found) {
      const error = lineError(ctx, entity, mapping, line.line, match, other);
      if (match.action === 'block') findings.refused.set(line.line, [...(findings.refused.get(line.line) ?? []), error]);
      else findings.warnings.push(error);
    }
  });
  return findings;
}

const ruleFields = (entity: EntityModel, rule: string) => entity.duplicateRules.find((r) => r.name === rule)!.fields.map((f) => f.field);

function lineError(ctx: RecordContext, entity: EntityModel, mapping: ColumnMapping, line: number, match: Omit<DuplicateMatch, 'ids'>, other: number | undefined): LineError {
  const error = duplicateError(ctx, entity, match, []);
  const field = error.fields[0];
  const column = mapping.columns.find((c) => c.field === field);
  const where = other === undefined ? '' : ctx.locale === 'zh-CN' ? `（第 ${other} 行）` : ` (line ${other})`;
  return { line, code: error.code, message: `${error.message}${where}`, ...(column ? { column: column.header } : {}), ...(field ? { field } : {}) };
}
