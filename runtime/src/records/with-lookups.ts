import type { AppModel, EvalContext, PlaceholderValues, RecordData } from '@tessera/core';

/** Reads a record by entity and id in the API's shape, or undefined when there is none. */
export type ReadRecord = (entity: string, id: string) => Promise<RecordData | undefined>;

// A path follows at most this many lookups; past it, what is still missing reads as empty.
const MAX_PASSES = 4;

/**
 * Runs an in-memory evaluation (rules, a permission's row condition) that may read through lookups ("account.type").
 * The shared evaluator is synchronous, so it runs in passes: each pass notes the records it needed and did not have,
 * those are read, and it runs again. An evaluation that stays on the record finishes in the first pass, with no read.
 */
export async function withLookups<T>(app: AppModel, values: PlaceholderValues, read: ReadRecord, evaluate: (ctx: EvalContext) => T): Promise<T> {
  const known = new Map<string, RecordData | null>();
  for (let pass = 1; ; pass++) {
    const missing = new Map<string, { entity: string; id: string }>();
    const result = evaluate({
      app, values,
      lookup: (entity, id) => {
        const key = `${entity}:${id}`;
        const row = known.get(key);
        if (row === undefined) missing.set(key, { entity, id });
        return row ?? undefined;
      },
    });
    if (!missing.size || pass === MAX_PASSES) return result;
    for (const [key, m] of missing) known.set(key, (await read(m.entity, m.id)) ?? null);
  }
}
