import { spawnServer } from './spawn';
import type { Fixture, HttpRequest, HttpScenarioName, MeasuredTarget } from './target';

const LIST_PATH = '/accounts?status=active&minAmount=100&limit=50';

/** R0 and R1 answer the same hand-written routes. */
const requests: Record<HttpScenarioName, (fixture: Fixture) => () => HttpRequest> = {
  get: ({ ids }) => () => ({ method: 'GET', path: `/accounts/${ids[Math.floor(Math.random() * ids.length)]}` }),
  list: () => () => ({ method: 'GET', path: LIST_PATH }),
  create: () => {
    let n = 0;
    return () => {
      n++;
      const body = JSON.stringify({ name: `Bench ${n}`, email: `bench${n}@example.com`, status: 'new', amount: n % 1000 });
      return { method: 'POST', path: '/accounts', body, headers: { 'content-type': 'application/json' } };
    };
  },
};

/** R0: node:http + pg with a named prepared statement, the Node ceiling. */
export const r0: MeasuredTarget = {
  name: 'r0', label: 'R0 node:http+pg', role: 'ceiling', requests,
  start: (context) => spawnServer('r0.js', context),
};

/** R1: express 5 + pg with prepared statements, the stack baseline every ratio is taken to. */
export const r1: MeasuredTarget = {
  name: 'r1', label: 'R1 express+pg', role: 'baseline', requests,
  start: (context) => spawnServer('r1.js', context),
};
