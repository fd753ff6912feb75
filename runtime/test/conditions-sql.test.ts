import {
  aliasSource, caseEntities, casePlaceholders, caseRecords, conditionCases, conditionToSql, createAppModel, parseCondition, quoteIdent,
} from '@tessera/core';
import type { Knex } from 'knex';
import { openTestDatabase, testEngines } from './support/databases';
import { createTables, insertRecords } from './support/schema';

// The only SQL literals a condition may contain: translate()'s fixed alphabets. Every value is a binding.
const FOLD_LITERALS = /'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'/g;
const app = createAppModel({ name: 'cases', entities: caseEntities.map((definition) => ({ definition, origin: 'test' })) });

describe.each(testEngines())('the shared condition cases, in SQL on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const entities = Object.keys(caseRecords) as (keyof typeof caseRecords)[];
    await createTables(t.db.knex, app, entities);
    for (const entity of entities) await insertRecords(t.db.knex, app.entities[entity]!, caseRecords[entity]);
  });
  afterAll(() => t.close());

  it.each(conditionCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const entity = c.entity ?? 'opportunity';
    const parsed = parseCondition(app, entity, c.condition);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const where = conditionToSql(parsed.ast, { app, alias: 'r', values: casePlaceholders(c.user), nextAlias: aliasSource() });
    expect(where.sql.replace(FOLD_LITERALS, '')).not.toContain("'");
    const { rows } = await t.db.knex.raw(`select id from ${quoteIdent(app.entities[entity]!.table)} as "r" where ${where.sql}`, where.bindings as Knex.RawBinding[]);
    expect(rows.map((r: { id: string }) => r.id).sort()).toEqual([...c.expected].sort());
  });
});
