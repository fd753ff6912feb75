import { createServer as createHttpServer } from 'node:http';
import request from 'supertest';
import { answerClientErrors } from '../../../src/http/client-errors';
import { testEngines } from '../../support/databases';
import { badInputApp, SECTIONS } from './cases';
import { setupBadInput } from './harness';

// SECURITY.md §2, field names: identifier tricks and relational hops in filter, where, sort, fields and expand;
// unknown keys and operators; paging abuse and size limits. One test per entity and section.
describe.each(testEngines())('bad field names, keys and paging on %s', (engine) => {
  const fx = setupBadInput(engine, { manyAccounts: true });
  // The cases run with a 1 MB header limit so that long URLs reach the app's own limits; at Node's default (16 KB),
  // as the server starts in production, Node refuses the request before express sees it, answered by client-errors.ts.
  it('answers a 100 KB URL at Node\'s default header limit with a 431 problem', async () => {
    const server = answerClientErrors(createHttpServer(fx.expressApp()));
    const res = await request(server).get(`/api/records/item?where%5Bname%5D=${'a'.repeat(100_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({ status: 431, code: 'request.too-large' });
  });
  describe.each(Object.keys(badInputApp.entities))('%s', (entity) => {
    it.each(SECTIONS.names)('%s: 4xx or a capped page, never a 5xx or a leak', async (section) => {
      const cases = fx.cases('names', entity, section);
      expect(cases.length).toBeGreaterThan(0);
      expect(await fx.run(cases)).toEqual([]);
    });
  });
});
