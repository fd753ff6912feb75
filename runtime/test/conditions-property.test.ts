import {
  aliasSource, caseEntities, caseIds, casePlaceholders, caseRecords, conditionToSql, createAppModel, evaluateCondition, fieldTypes,
  kindOf, operators, parseCondition, quoteIdent, resolvePath, type EvalContext, type OperatorName, type RecordData, type ValueKind,
} from '@tessera/core';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { openTestDatabase, testEngines } from './support/databases';
import { createTables, insertRecords } from './support/schema';

/**
 * Random datasets and random well-typed conditions, generated from the entity metadata: the evaluator and the SQL
 * compiler must select the same ids on every engine.
 */
const NUM_RUNS = 150;
const CONDITIONS_PER_RUN = 40;

const { account: a, opportunity: o, user: u, team: t } = caseIds;
const app = createAppModel({ name: 'cases', entities: caseEntities.map((definition) => ({ definition, origin: 'test' })) });
const values = casePlaceholders('u1');

const CHARS = ['a', 'A', 'b', 'Z', '%', '_', '\\', 'ü', 'Ü', 'é', '糖', '酒', '😀', 'ｚ', ' '];
const text = (maxLength: number) => fc.array(fc.constantFrom(...CHARS), { maxLength }).map((cs) => cs.join(''));
const DECIMALS = [-1000, -2.5, -0.01, 0, 0.01, 0.5, 1, 2, 2.5, 10, 100, 99999.99];
const DATES = ['2023-12-31', '2024-01-01', '2024-06-14', '2024-06-15', '2024-06-16'];
const INSTANTS = ['2020-01-01T00:00:00Z', '2024-06-15T11:59:59Z', '2024-06-15T12:00:00Z', '2024-06-15T20:00:00+08:00', '2024-06-16T00:00:00Z'];
const USERS = [u(1), u(2), u(3), u(4), '00000000-0000-4000-8000-ffffffffffff'];
const TEAMS = [t(1), t(2)];
const ACCOUNTS = [a(1), a(2), a(3), a(4), a(9)];

// What a literal of each kind may be, in a dataset and in a condition (the case schema's fields only).
const literal: Record<ValueKind, (field: string) => fc.Arbitrary<unknown>> = {
  text: (field) => (field.endsWith('stage') || field.endsWith('industry') ? fc.constantFrom('won', 'lost', 'proposal', 'tech', '食品', '') : text(4)),
  number: (field) => (field.endsWith('quantity') || field.endsWith('rating') ? fc.integer({ min: -3, max: 3 }) : fc.constantFrom(...DECIMALS)),
  boolean: () => fc.boolean(),
  date: () => fc.constantFrom(...DATES),
  datetime: () => fc.constantFrom(...INSTANTS),
  reference: (field) => fc.constantFrom(...(field.endsWith('account') || field.endsWith('parent') ? ACCOUNTS : field.endsWith('team') ? TEAMS : USERS)),
  json: () => fc.constantFrom({ x: 1 }, {}),
  textList: () => fc.subarray(['hot', 'cold', 'vip', '大客户']),
};
const SCALAR_PLACEHOLDERS: Partial<Record<ValueKind, string>> = { reference: '$user.id', date: '$today', datetime: '$now' };
const LIST_PLACEHOLDERS: Partial<Record<ValueKind, readonly string[]>> = { reference: ['$user.teamIds', '$user.subordinateIds'] };

const record = (entity: 'account' | 'opportunity', id: string, parents: readonly string[]) => {
  const fields = Object.values(app.entities[entity]!.fields).filter((f) => !f.system || f.name === 'ownerId');
  return fc.record(Object.fromEntries(fields.map((f) => {
    const base = f.name === 'account' || f.name === 'parent' ? fc.constantFrom(...parents) : literal[kindOf(f).name](f.name);
    return [f.name, fc.option(base, { nil: null, freq: 3 })];
  }))).map((r): RecordData => ({ id, ...r }));
};
const dataset = fc.record({
  account: fc.tuple(...[1, 2, 3, 4].map((n) => record('account', a(n), ACCOUNTS))),
  opportunity: fc.tuple(...Array.from({ length: 20 }, (_, i) => record('opportunity', o(i + 1), ACCOUNTS))),
});

const PATHS = [
  ...Object.values(app.entities.opportunity!.fields).filter((f) => !['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'].includes(f.name)).map((f) => f.name),
  'account.name', 'account.rating', 'account.industry', 'account.parent.name', 'account.parent', 'ownerId.name', 'ownerId.team', 'reviewer.manager',
];

/** A well-typed test on one path: {path: {op: operand}}, sometimes under a field-level $not. */
const fieldTest = fc.constantFrom(...PATHS).chain((pathText) => {
  const resolved = resolvePath(app, 'opportunity', pathText);
  if (!resolved.ok) throw new Error(`bad path ${pathText}`);
  const kind = kindOf(resolved.path.field);
  const ops = fieldTypes.get(resolved.path.field.type).operators.filter((op) => operators.get(op).supports(kind));
  const value = literal[kind.name](pathText);
  const scalar = SCALAR_PLACEHOLDERS[kind.name] ? fc.oneof(value, fc.constant(SCALAR_PLACEHOLDERS[kind.name]!)) : value;
  const lists = LIST_PLACEHOLDERS[kind.name] ?? [];
  const operand: Record<OperatorName, fc.Arbitrary<unknown>> = {
    $eq: fc.option(scalar, { nil: null }), $ne: fc.option(scalar, { nil: null }),
    $gt: scalar, $gte: scalar, $lt: scalar, $lte: scalar,
    $in: fc.oneof(fc.array(fc.option(scalar, { nil: null }), { maxLength: 4 }), ...lists.map((p) => fc.constant(p))),
    $nin: fc.oneof(fc.array(fc.option(scalar, { nil: null }), { maxLength: 4 }), ...lists.map((p) => fc.constant(p))),
    $contains: kind.name === 'textList' ? fc.constantFrom('hot', 'vip', '大客户', 'HOT') : text(2),
    $startsWith: text(2),
    $exists: fc.boolean(),
  };
  return fc.tuple(fc.constantFrom(...ops).chain((op) => operand[op].map((v) => ({ [op]: v }))), fc.boolean())
      .map(([test, negated]) => ({ [pathText]: negated ? { $not: test } : test }));
});

const condition = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fieldTest,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ $and: items })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ $or: items })),
    tie('node').map((item) => ({ $not: item })),
  ),
})).node;

describe.each(testEngines())('conditions: evaluator and SQL agree on random data (%s)', (engine) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let checked = 0;
  let selective = 0;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
    await createTables(db.db.knex, app, ['team', 'user', 'account', 'opportunity']);
    await insertRecords(db.db.knex, app.entities.team!, caseRecords.team);
    await insertRecords(db.db.knex, app.entities.user!, caseRecords.user);
  });
  afterAll(async () => {
    console.log(`${engine}: ${NUM_RUNS} datasets, ${checked} conditions checked, ${selective} selecting some but not all rows`);
    await db.close();
  });

  it('selects the same ids in memory and in SQL', async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(dataset, fc.array(condition, { minLength: CONDITIONS_PER_RUN, maxLength: CONDITIONS_PER_RUN }), async (data, conditions) => {
      const knex = db.db.knex;
      for (const entity of ['opportunity', 'account'] as const) await knex(app.entities[entity]!.table).delete();
      for (const entity of ['account', 'opportunity'] as const) await insertRecords(knex, app.entities[entity]!, data[entity]);
      const all: Record<string, readonly RecordData[]> = { ...caseRecords, ...data };
      const ctx: EvalContext = { app, values, lookup: (entity, id) => all[entity]?.find((r) => r.id === id) };
      for (const json of conditions) {
        const parsed = parseCondition(app, 'opportunity', json);
        if (!parsed.ok) throw new Error(`generated an ill-typed condition: ${JSON.stringify(parsed.issues)}`);
        const where = conditionToSql(parsed.ast, { app, alias: 'r', values, nextAlias: aliasSource() });
        const { rows } = await knex.raw(`select id from ${quoteIdent(app.entities.opportunity!.table)} as "r" where ${where.sql}`, where.bindings as Knex.RawBinding[]);
        const inSql = rows.map((r: { id: string }) => r.id).sort();
        const inMemory = data.opportunity.filter((r) => evaluateCondition(parsed.ast, r, ctx)).map((r) => String(r.id)).sort();
        expect({ json, ids: inSql }).toEqual({ json, ids: inMemory });
        checked++;
        if (inMemory.length > 0 && inMemory.length < data.opportunity.length) selective++;
      }
    }), { numRuns: NUM_RUNS });
    console.log(`${engine}: property test took ${Date.now() - started} ms`);
    // A generator that only made always-true or always-false conditions would prove nothing.
    expect(selective / checked).toBeGreaterThan(0.3);
  });
});
