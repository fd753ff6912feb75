import { createServer as createHttpServer } from 'node:http';
import request from 'supertest';
import { answerClientErrors } from '../../../src/http/client-errors';
import { testEngines } from '../../support/databases';
import { setupBadInput, testEverySection } from './harness';

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
  testEverySection(fx, 'names', '4xx or a capped page, never a 5xx or a leak');
});
