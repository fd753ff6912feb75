import { createAppModel } from '../model/create-app-model';
import type { EvalContext, RecordData } from '../model/context';
import { caseEntities, casePlaceholders, caseRecords, conditionCases } from './condition-cases';
import { evaluateCondition } from './evaluate';
import { parseCondition } from './parse';

const app = createAppModel({ name: 'cases', entities: caseEntities.map((definition) => ({ definition, origin: 'test' })) });
const byId = new Map(Object.values(caseRecords).flat().map((r) => [String(r.id), r]));
const context = (user?: 'u1' | 'u3'): EvalContext => ({
  app,
  values: casePlaceholders(user),
  lookup: (entity: string, id: string): RecordData | undefined => {
    const record = byId.get(id);
    return record && (caseRecords as Record<string, readonly RecordData[]>)[entity]?.includes(record) ? record : undefined;
  },
});

describe('the shared condition cases, in memory', () => {
  it('has enough cases, with distinct names', () => {
    expect(conditionCases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(conditionCases.map((c) => c.name)).size).toBe(conditionCases.length);
  });

  it.each(conditionCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const entity = c.entity ?? 'opportunity';
    const parsed = parseCondition(app, entity, c.condition);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const ctx = context(c.user);
    const ids = caseRecords[entity].filter((r) => evaluateCondition(parsed.ast, r, ctx)).map((r) => r.id);
    expect([...ids].sort()).toEqual([...c.expected].sort());
  });

  it('fails closed when a $user placeholder has no user', () => {
    const parsed = parseCondition(app, 'opportunity', { ownerId: '$user.id' });
    if (!parsed.ok) throw new Error('expected to parse');
    const ctx = { ...context(), values: { now: new Date(), today: '2024-01-01' } };
    expect(() => evaluateCondition(parsed.ast, {}, ctx)).toThrow('no user is given');
  });
});
