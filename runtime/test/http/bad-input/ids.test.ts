import { fieldTypes, loadApp, memoryReader } from '@tessera/core';
import { testEngines } from '../../support/databases';
import { badInputApp, entityDefinitions, fakeSeeds, generateCases, SECTIONS, type Area } from './cases';
import { problemsOf, setupBadInput, testEverySection } from './harness';

// SECURITY.md §2, objects: malformed and unknown ids on GET, PATCH, DELETE and history (404, never a 5xx), and
// If-Match: malformed is 400, stale is 412, and neither changes anything.
describe.each(testEngines())('bad ids and If-Match on %s', (engine) => {
  const fx = setupBadInput(engine);
  testEverySection(fx, 'ids', '4xx and nothing changed, never a 5xx or a leak');
});

describe('the generated bad-input catalogue', () => {
  const cases = generateCases(badInputApp, fakeSeeds(badInputApp));

  it('is built from valid metadata', async () => {
    const files = Object.fromEntries([
      ['app.json', JSON.stringify({ name: 'bad-input' })],
      ...entityDefinitions().map((d) => [`entities/${d.name}.json`, JSON.stringify(d)]),
    ]);
    const loaded = await loadApp(memoryReader(files));
    expect(loaded.ok ? [] : loaded.issues.map((i) => `${i.file} ${i.path} ${i.code}`)).toEqual([]);
  });

  it.each(['names', 'values', 'bodies'] satisfies Area[])('covers every field type of the registry in the %s cases', (area) => {
    const covered = new Set(cases.filter((c) => c.area === area).map((c) => c.fieldType));
    expect(fieldTypes.keys().filter((t) => !covered.has(t))).toEqual([]);
  });

  it('covers every entity in every section, and every field of every entity with names and values', () => {
    const missing: string[] = [];
    for (const entity of Object.values(badInputApp.entities)) {
      for (const [area, sections] of Object.entries(SECTIONS)) {
        for (const section of sections) if (!cases.some((c) => c.area === area && c.entity === entity.name && c.section === section)) missing.push(`${entity.name} ${area}/${section}`);
      }
      for (const area of ['names', 'values'] as const) {
        for (const field of entity.fieldNames) if (!cases.some((c) => c.area === area && c.entity === entity.name && c.field === field)) missing.push(`${entity.name}.${field} ${area}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is the same set of requests whatever the seeds are, and large enough to mean something', () => {
    const again = generateCases(badInputApp, { ...fakeSeeds(badInputApp), adminId: '00000000-0000-4000-8000-0000000000aa' });
    expect(again.length).toBe(cases.length);
    // At least one case per field and catalogue line: 5 entities, 70 fields, 4 areas.
    expect(cases.length).toBeGreaterThan(70 * 50);
  });
});

describe('the bad-input checks', () => {
  const c = generateCases(badInputApp, fakeSeeds(badInputApp), 'names').find((x) => x.title === '"(select 1)" as sort')!;
  const problem = (status: number, body: Record<string, unknown>) =>
    ({ status, text: JSON.stringify({ type: 'about:blank', status, ...body }), headers: { 'content-type': 'application/problem+json; charset=utf-8' } });

  it('pass a refusal that echoes the request', () => {
    expect(problemsOf(badInputApp, c, problem(400, { errors: [{ path: '/query/sort', message: 'unknown field "(select 1)"' }] }))).toEqual([]);
  });

  it.each([
    ['a 5xx', problem(500, {})],
    ['a 2xx', { status: 200, text: '{"data":[]}', headers: { 'content-type': 'application/json' } }],
    ['an error that is not problem+json', { status: 400, text: 'Bad Request', headers: { 'content-type': 'text/html' } }],
    ['SQL text', problem(400, { detail: 'select "r"."id" from "item" as "r"' })],
    ['a driver message', problem(400, { detail: 'column "secret" does not exist' })],
    ['a stack', problem(400, { detail: 'Error: x\n    at parse (/work/main/core/src/query/parse-list-query.ts:12:3)' })],
    ['a password hash', problem(400, { detail: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' })],
  ])('flag %s', (_what, res) => {
    expect(problemsOf(badInputApp, c, res).length).toBeGreaterThan(0);
  });
});
