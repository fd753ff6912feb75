import { aliasSource } from '../model/context';
import { createAppModel } from '../model/create-app-model';
import { toNumberedParams } from '../sql/fragment';
import { caseEntities, caseIds, casePlaceholders } from './condition-cases';
import { operators } from './operators/index';
import { parseCondition } from './parse';
import { conditionToSql } from './to-sql';

const u = caseIds.user;
const app = createAppModel({ name: 'cases', entities: caseEntities.map((definition) => ({ definition, origin: 'test' })) });
const compile = (json: unknown) => {
  const parsed = parseCondition(app, 'opportunity', json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return conditionToSql(parsed.ast, { app, alias: 'r', values: casePlaceholders(), nextAlias: aliasSource() });
};

describe('conditionToSql', () => {
  it('binds every value with an explicit cast of its kind', () => {
    expect(compile({ amount: { $gt: 5 } })).toEqual({ sql: '(("r"."amount") > cast(? as numeric) and "r"."amount" is not null)', bindings: [5] });
    expect(compile({ closeDate: '$today' })).toEqual({ sql: '("r"."close_date" = cast(? as date) and "r"."close_date" is not null)', bindings: ['2024-06-15'] });
    // A list is one array parameter: the text is the same however many subordinates a manager has.
    expect(compile({ ownerId: { $in: '$user.subordinateIds' } }).sql).toBe('(("r"."owner_id" = any(cast(? as uuid[])) and "r"."owner_id" is not null))');
    expect(compile({ closedAt: { $lt: '$now' } }).bindings).toEqual(['2024-06-15T12:00:00.000Z']);
  });

  it('orders text by code point with collate "C"', () => {
    expect(compile({ name: { $lt: 'b' } }).sql).toBe('(("r"."name") collate "C" < cast(? as text) and "r"."name" is not null)');
  });

  it('keeps hostile text in the bindings, never in the SQL', () => {
    const hostile = "'; drop table x; --";
    const { sql, bindings } = compile({ $or: [{ name: hostile }, { description: { $contains: hostile } }, { 'account.name': { $startsWith: hostile } }] });
    expect(sql).not.toContain('drop');
    expect(bindings).toEqual([hostile, hostile, hostile]);
  });

  it('folds the $contains needle to ASCII lower case and never uses LIKE', () => {
    const { sql, bindings } = compile({ name: { $contains: 'ÄB%_' } });
    expect(sql).not.toMatch(/like/i);
    expect(bindings).toEqual(['Äb%_']);
  });

  it('follows lookups through correlated subqueries with fresh aliases', () => {
    expect(compile({ 'account.parent.name': 'x' }).sql).toContain('(select (select "t2"."name" from "account" as "t2" where "t2"."id" = "t1"."parent") from "account" as "t1" where "t1"."id" = "r"."account")');
  });

  it('compiles constants, empty lists and null members to plain true/false/IS NULL', () => {
    expect(compile({}).sql).toBe('true');
    expect(compile({ quantity: { $in: [] } }).sql).toBe('false');
    expect(compile({ ownerId: { $nin: [u(1), null] } })).toEqual({
      sql: '(not (("r"."owner_id" = any(cast(? as uuid[])) and "r"."owner_id" is not null) or ("r"."owner_id" is null)))',
      bindings: [[u(1)]],
    });
  });

  it('numbers the bindings in order for node-postgres', () => {
    const { text, values } = toNumberedParams(compile({ amount: { $gte: 1, $lt: 2 }, stage: 'won' }));
    expect(text.match(/\$\d/g)).toEqual(['$1', '$2', '$3']);
    expect(values).toEqual([1, 2, 'won']);
  });
});

describe('the operator registry', () => {
  it('files every operator under its own name', () => {
    expect(operators.keys().every((name) => operators.get(name).name === name)).toBe(true);
  });
});
