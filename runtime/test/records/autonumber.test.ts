import { ADMIN_ROLE, createAppModel, permissionsFor, type AppModel } from '@tessera/core';
import type { EntityDefinition } from '@tessera/metadata';
import { apply } from '../../src/migrator/apply';
import { ensureHistoryTable } from '../../src/records/history';
import { createRecord, type RecordContext } from '../../src/records/operations';
import { RecordError } from '../../src/records/record-error';
import { openTestDatabase, testEngines } from '../support/databases';

const quote = (fields: EntityDefinition['fields']): AppModel =>
  createAppModel({ name: 'numbers', entities: [{ definition: { name: 'quote', label: { en: 'Quote' }, fields }, origin: 'test' }] });
const values = { now: new Date(), today: '2026-01-01' };
const year = String(new Date().getFullYear());

describe.each(testEngines())('autonumber fields on %s', (engine) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  afterAll(() => t.close());
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await ensureHistoryTable(t.db.knex);
  });
  const ctx = (app: AppModel): RecordContext => ({ db: t.db.knex, app, permissions: permissionsFor(app, [ADMIN_ROLE]), userId: null, locale: 'en', values });

  it('numbers new records from the start value in the pattern, and refuses a number in the body', async () => {
    const app = quote({ title: { type: 'text' }, number: { type: 'autonumber', format: "Q-{YYYY}-{0000}'x", start: 100 } });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    const a = await createRecord(ctx(app), app.entities.quote!, { title: 'A' });
    const b = await createRecord(ctx(app), app.entities.quote!, { title: 'B' });
    expect([a.number, b.number]).toEqual([`Q-${year}-0100'x`, `Q-${year}-0101'x`]);
    await expect(createRecord(ctx(app), app.entities.quote!, { title: 'C', number: 'Q-1' })).rejects.toBeInstanceOf(RecordError);
    expect((await apply(t.db.knex, app)).status).toBe('unchanged');
  });

  it('numbers the existing rows when the field is added to a table that has them', async () => {
    const app = quote({
      title: { type: 'text' }, number: { type: 'autonumber', format: "Q-{YYYY}-{0000}'x", start: 100 }, ref: { type: 'autonumber', format: '{000}', start: 1 },
    });
    expect((await apply(t.db.knex, app)).status).toBe('applied');
    const rows = (await t.db.knex('quote').orderBy('number').select('ref')) as Array<{ ref: string }>;
    expect(rows.map((r) => r.ref).sort()).toEqual(['001', '002']);
    expect((await createRecord(ctx(app), app.entities.quote!, { title: 'D' })).ref).toBe('003');
  });

  it('turns a text field into an autonumber: the plan says so, numbers the rows without a value, keeps the others', async () => {
    // An autonumber column is varchar(64): a text field of that length changes nothing but its numbering.
    const before = quote({ title: { type: 'text' }, code: { type: 'text', maxLength: 64 } });
    // The earlier tests' number and ref columns go (archived) for this one to start from a plain text field.
    expect((await apply(t.db.knex, before, { allowDestructive: true })).status).toBe('applied');
    await createRecord(ctx(before), before.entities.quote!, { title: 'kept', code: 'OLD-1' });
    await createRecord(ctx(before), before.entities.quote!, { title: 'none' });
    const after = quote({ title: { type: 'text' }, code: { type: 'autonumber', format: 'C{0000}', start: 7 } });
    const result = await apply(t.db.knex, after);
    expect(result.status).toBe('applied');
    const step = result.plan.steps.find((s) => s.kind === 'numberColumn');
    expect(step).toMatchObject({ safety: 'safe', impact: { rows: 4 } });
    expect(step!.description.en).toMatch(/^Number quote\.code automatically, giving 4 rows without a value a number/);
    const codes = (await t.db.knex('quote').select('title', 'code')) as Array<{ title: string; code: string }>;
    expect(codes.find((c) => c.title === 'kept')!.code).toBe('OLD-1');
    expect(codes.filter((c) => c.title !== 'kept').map((c) => c.code).sort()).toEqual(['C0007', 'C0008', 'C0009', 'C0010']);
    expect((await createRecord(ctx(after), after.entities.quote!, { title: 'new' })).code).toBe('C0011');
    expect((await apply(t.db.knex, after)).status).toBe('unchanged');
  });
});
