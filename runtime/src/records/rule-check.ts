import type { AppModel, EvalContext, FormError, FormVariant, PlaceholderValues, RecordData } from '@tessera/core';
import { ruleErrors } from './validate';

/** Reads a record by entity and id in the API's shape, or undefined when there is none. */
export type ReadRecord = (entity: string, id: string) => Promise<RecordData | undefined>;

// A path follows at most this many lookups (DESIGN.md: expand depth 2; rules may go one further).
const MAX_PASSES = 4;

/**
 * Rule violations of a record whose rules may read through lookups ("account.type"). The shared evaluator is synchronous,
 * so it runs in passes: each pass notes the records it needed and did not have, those are read, and it runs again.
 * Rules that stay on the record itself finish in the first pass without a read.
 */
export async function ruleErrorsWithLookups(
  app: AppModel, entity: string, variant: FormVariant, record: RecordData, values: PlaceholderValues, locale: string, read: ReadRecord,
): Promise<FormError[]> {
  const known = new Map<string, RecordData | null>();
  for (let pass = 1; ; pass++) {
    const missing = new Map<string, { entity: string; id: string }>();
    const ctx: EvalContext = {
      app, values,
      lookup: (target, id) => {
        const key = `${target}:${id}`;
        const row = known.get(key);
        if (row === undefined) missing.set(key, { entity: target, id });
        return row ?? undefined;
      },
    };
    const errors = ruleErrors(app, entity, variant, record, ctx, locale);
    if (!missing.size || pass === MAX_PASSES) return errors;
    for (const [key, m] of missing) known.set(key, (await read(m.entity, m.id)) ?? null);
  }
}
