import { fieldTypes, quoteIdent, ruleValues, type AppModel, type EntityModel } from '@tessera/core';
import type { DuplicateRule } from '@tessera/metadata';
import type { Knex } from 'knex';
import { prepared, run, type Statement } from '../db/statement';

/** A stored record's matches under one duplicate rule. */
export interface DuplicateMatch {
  readonly rule: string;
  readonly action: 'warn' | 'block';
  readonly fields: readonly string[];
  readonly ids: readonly string[];
}

/** The most matching ids reported per record and rule: enough to show, and a bound on what one lookup reads. */
export const MAX_MATCHES = 20;

/**
 * For each record (in order), the rules it matches against stored records (excluding the ids in `exclude[i]`, e.g. its
 * own id on update); one statement per rule for the whole batch. Records hold API field names and API values.
 */
export async function findDuplicates(db: Knex | Knex.Transaction, app: AppModel, entity: EntityModel, records: readonly Record<string, unknown>[], exclude?: readonly (string | undefined)[]): Promise<DuplicateMatch[][]> {
  return findRuleMatches(db, app, entity, entity.duplicateRules, records, exclude);
}

/** findDuplicates under some of the entity's rules only (those a write must check). */
export async function findRuleMatches(db: Knex | Knex.Transaction, app: AppModel, entity: EntityModel, rules: readonly DuplicateRule[], records: readonly Record<string, unknown>[], exclude: readonly (string | undefined)[] = []): Promise<DuplicateMatch[][]> {
  const found: DuplicateMatch[][] = records.map(() => []);
  for (const rule of rules) {
    // Only records with every field of the rule filled take part: an empty value never matches. A normalized field is
    // sent as it is and normalized by the same SQL function as the index, so both sides of = come from one place.
    const keyed = records.flatMap((record, i) => {
      const values = ruleValues(entity, rule, record);
      return values ? [{ i, values: values.map((v, j) => (rule.fields[j]!.match === 'normalized' ? String(record[rule.fields[j]!.field]) : v)) }] : [];
    });
    if (!keyed.length) continue;
    const columns = rule.fields.map((_f, j) => keyed.map((k) => k.values[j]));
    const rows = await run(db, lookupStatement(app, entity, rule), [...columns, keyed.map((k) => exclude[k.i] ?? null)]);
    const ids = new Map<number, string[]>();
    for (const row of rows) {
      const i = keyed[(row.n as number) - 1]!.i;
      ids.set(i, [...(ids.get(i) ?? []), row.id as string]);
    }
    const fields = rule.fields.map((f) => f.field);
    for (const [i, matched] of ids) found[i]!.push({ rule: rule.name, action: rule.action, fields, ids: matched });
  }
  return found;
}

const statements = new WeakMap<AppModel, Map<string, Statement>>();

/**
 * The lookup of one rule for a batch: the batch's values as parallel arrays (one per field, then the ids to leave
 * out), each row's matches found through the rule's index by the same expressions the index holds.
 */
export function lookupStatement(app: AppModel, entity: EntityModel, rule: DuplicateRule): Statement {
  let byRule = statements.get(app);
  if (!byRule) statements.set(app, (byRule = new Map()));
  const key = `${entity.name}\0${rule.name}`;
  let statement = byRule.get(key);
  if (statement) return statement;
  const n = rule.fields.length;
  const conditions = rule.fields.map((f, j) => {
    const field = entity.fields[f.field]!;
    const type = fieldTypes.get(field.type);
    const column = `"r".${quoteIdent(field.column)}`;
    if (f.match === 'normalized') return `${type.matchKey!.sqlFunction}(${column}) = ${type.matchKey!.sqlFunction}(v.k${j})`;
    return `${column} = v.k${j}::${type.column(field.definition as never)!.sqlType}`;
  });
  const arrays = rule.fields.map((_f, j) => `$${j + 1}::text[]`).join(', ');
  const keys = rule.fields.map((_f, j) => `k${j}`).join(', ');
  statement = prepared(`select v.n::int as n, m.id from unnest(${arrays}, $${n + 1}::uuid[]) with ordinality as v(${keys}, ex, n)
    cross join lateral (select "r"."id" from ${quoteIdent(entity.table)} as "r"
      where ${conditions.join(' and ')} and "r"."id" is distinct from v.ex limit ${MAX_MATCHES}) as m
    order by v.n`, app.hash);
  byRule.set(key, statement);
  return statement;
}
