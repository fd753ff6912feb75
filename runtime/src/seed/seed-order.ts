import { fieldTypes, type AppModel, type Locale } from '@tessera/core';
import type { SeedRecord } from './seed-files';
import { seedProblem, type SeedProblem } from './seed-problem';

/** A reference a seed record makes: through which field, to which entity's record. */
export interface SeedReference {
  readonly field: string;
  readonly entity: string;
  readonly id: string;
}

/** The records a seed record points to through its reference fields (lookup, masterDetail, user), as the registry tells. */
export function seedReferences(app: AppModel, record: SeedRecord): SeedReference[] {
  const entity = app.entities[record.entity]!;
  const out: SeedReference[] = [];
  for (const [name, value] of Object.entries(record.body)) {
    const field = Object.hasOwn(entity.fields, name) ? entity.fields[name]! : undefined;
    const target = field && fieldTypes.get(field.type).target?.(field.definition as never);
    // Anything but a string is left to the record's validation, which refuses it with its path.
    if (target && typeof value === 'string') out.push({ field: name, entity: target, id: value.toLowerCase() });
  }
  return out;
}

const keyOf = (entity: string, id: string) => `${entity}\0${id}`;
const where = (r: SeedRecord, field: string) => `${r.file} /records/${r.index}/${field}`;

/**
 * Orders the records so that every seed record a lookup points to is inserted before the record pointing to it, over
 * records rather than entities: entities may point at each other (or at themselves) as long as the records do not.
 * Records that point at each other in a cycle cannot be inserted (the foreign keys are checked per statement), so
 * each cycle is a problem naming its records.
 */
export function seedOrder(app: AppModel, records: readonly SeedRecord[], locale: Locale): { ordered: SeedRecord[]; problems: SeedProblem[] } {
  const byKey = new Map(records.map((r) => [keyOf(r.entity, r.id), r]));
  const state = new Map<SeedRecord, 'visiting' | 'done'>();
  const ordered: SeedRecord[] = [];
  const problems: SeedProblem[] = [];
  const path: Array<{ record: SeedRecord; field: string }> = [];
  const visit = (record: SeedRecord): void => {
    state.set(record, 'visiting');
    for (const ref of seedReferences(app, record)) {
      const target = byKey.get(keyOf(ref.entity, ref.id));
      if (!target) continue;
      path.push({ record, field: ref.field });
      if (state.get(target) === 'visiting') {
        const cycle = path.slice(path.findIndex((step) => step.record === target));
        problems.push(seedProblem('seed.cycle', { file: record.file, path: `/records/${record.index}/${ref.field}` }, locale, {
          cycle: cycle.map((step) => where(step.record, step.field)).join(' -> '),
        }));
      } else if (!state.has(target)) visit(target);
      path.pop();
    }
    state.set(record, 'done');
    ordered.push(record);
  };
  for (const record of records) if (!state.has(record)) visit(record);
  return { ordered, problems };
}
