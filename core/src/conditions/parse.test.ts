import { renderIssue } from '../errors/issue';
import { createAppModel } from '../model/create-app-model';
import { caseEntities, caseIds } from './condition-cases';
import { parseCondition, type ConditionIssue } from './parse';

const u = caseIds.user;
const app = createAppModel({ name: 'cases', entities: caseEntities.map((definition) => ({ definition, origin: 'test' })) });
const issuesOf = (json: unknown, limits = {}): ConditionIssue[] => {
  const result = parseCondition(app, 'opportunity', json, limits);
  return result.ok ? [] : result.issues;
};
const codes = (json: unknown, limits = {}) => issuesOf(json, limits).map((i) => [i.code, i.path]);

describe('parseCondition: one issue code at a time, with its pointer', () => {
  it.each([
    ['unknown field', { $and: [{ stage: 'won' }, { amout: 5 }] }, 'condition.field', '/$and/1/amout'],
    ['dot path through a non-reference', { 'name.length': 3 }, 'condition.path', '/name.length'],
    ['operator not allowed for the type', { won: { $gt: true } }, 'condition.operator', '/won/$gt'],
    ['$startsWith on a multiPicklist', { tags: { $startsWith: 'h' } }, 'condition.operator', '/tags/$startsWith'],
    ['unknown operator on a field', { name: { $regex: '.*' } }, 'condition.unknownOperator', '/name/$regex'],
    ['unknown top-level operator', { $where: '1' }, 'condition.unknownOperator', '/$where'],
    ['$gt on a date needs a date', { $and: [{}, { closeDate: { $gt: '15/06/2024' } }] }, 'condition.value', '/$and/1/closeDate/$gt'],
    ['$gt on a number needs a number', { $and: [{}, { amount: { $gt: '10' } }] }, 'condition.value', '/$and/1/amount/$gt'],
    ['$in needs a list', { stage: { $in: 'won' } }, 'condition.value', '/stage/$in'],
    ['$exists needs a boolean', { won: { $exists: 1 } }, 'condition.value', '/won/$exists'],
    ['$gt null', { amount: { $gt: null } }, 'condition.value', '/amount/$gt'],
    ['a reference needs a UUID', { ownerId: 'alice' }, 'condition.value', '/ownerId'],
    ['NUL in text', { name: 'a\u0000b' }, 'condition.value', '/name'],
    ['an unpaired surrogate', { name: { $contains: '\uD83D' } }, 'condition.value', '/name/$contains'],
    ['unknown placeholder', { ownerId: '$user.name' }, 'condition.placeholder', '/ownerId'],
    ['unknown placeholder in a list', { ownerId: { $in: [u(1), '$me'] } }, 'condition.placeholder', '/ownerId/$in/1'],
    ['$user.id on a text field', { name: '$user.id' }, 'condition.placeholderUse', '/name'],
    ['$user.teamIds as a scalar', { ownerId: '$user.teamIds' }, 'condition.placeholderUse', '/ownerId'],
    ['$user.teamIds as an element', { ownerId: { $in: ['$user.teamIds'] } }, 'condition.placeholderUse', '/ownerId/$in/0'],
    ['$now on a date', { closeDate: { $lt: '$now' } }, 'condition.placeholderUse', '/closeDate/$lt'],
    ['$today on a datetime', { closedAt: '$today' }, 'condition.placeholderUse', '/closedAt'],
    ['$contains with a placeholder', { name: { $contains: '$today' } }, 'condition.placeholderUse', '/name/$contains'],
    ['not an object', 'stage', 'condition.shape', ''],
    ['an array', [{ stage: 'won' }], 'condition.shape', ''],
    ['an empty $and', { $and: [] }, 'condition.shape', '/$and'],
    ['$or not a list', { $or: { stage: 'won' } }, 'condition.shape', '/$or'],
    ['an $and item not an object', { $and: [{ stage: 'won' }, 3] }, 'condition.shape', '/$and/1'],
    ['operators mixed with keys', { amount: { $gt: 1, x: 2 } }, 'condition.shape', '/amount'],
    ['no operators on a field', { amount: {} }, 'condition.shape', '/amount'],
    ['$not on a field with a scalar', { amount: { $not: 5 } }, 'condition.shape', '/amount/$not'],
    ['a pointer escapes / and ~', { $and: [{ 'a/b~c': 1 }] }, 'condition.field', '/$and/0/a~1b~0c'],
    ['too many lookups in a path', { 'account.parent.parent.parent.name': 'x' }, 'condition.limit', '/account.parent.parent.parent.name'],
  ])('%s', (_name, json, code, path) => {
    expect(codes(json)).toEqual([[code, path]]);
  });

  it('collects every issue, not just the first', () => {
    expect(codes({ amout: 1, won: { $gt: true, $exists: 'yes' }, $or: [{ stage: { $in: 5 } }, { name: '$nobody' }] })).toEqual([
      ['condition.field', '/amout'],
      ['condition.operator', '/won/$gt'],
      ['condition.value', '/won/$exists'],
      ['condition.value', '/$or/0/stage/$in'],
      ['condition.placeholder', '/$or/1/name'],
    ]);
  });

  it('enforces the depth, term and list limits, defaults and given', () => {
    let deep: unknown = { stage: 'won' };
    for (let i = 0; i < 11; i++) deep = { $not: deep };
    expect(codes(deep)).toEqual([['condition.limit', `/${Array(11).fill('$not').join('/')}`]]);
    expect(codes(deep, { maxDepth: 11 })).toEqual([]);
    const wide = { $or: Array.from({ length: 5 }, (_, i) => ({ quantity: i })) };
    expect(codes(wide, { maxTerms: 4 })).toEqual([['condition.limit', '/$or']]);
    const terms = { $or: [0, 1, 2].map((i) => ({ quantity: i, amount: i })) };
    expect(codes(terms, { maxTerms: 4 })).toEqual([['condition.limit', '/$or/2/quantity']]);
    expect(codes({ quantity: { $in: [1, 2, 3] } }, { maxList: 2 })).toEqual([['condition.limit', '/quantity/$in']]);
    expect(codes({ quantity: { $in: Array.from({ length: 1001 }, (_, i) => i) } })).toEqual([['condition.limit', '/quantity/$in']]);
  });

  it('gives issues that render in English and Chinese with their parameters', () => {
    const [field] = issuesOf({ amout: 1 });
    expect(renderIssue({ ...field!, file: '' }).message).toBe('entity "opportunity" has no field "amout"');
    expect(field!.params.known).toContain('amount');
    const [op] = issuesOf({ won: { $gt: true } });
    expect(op!.params.allowed).toEqual(['$eq', '$ne', '$exists']);
    const [value] = issuesOf({ closeDate: { $gt: 'soon' } });
    expect(value!.found).toBe('soon');
    expect(renderIssue({ ...value!, file: '' }, 'zh-CN').message).toContain('日期（YYYY-MM-DD）');
    const [limit] = issuesOf({ quantity: { $in: [1, 2, 3] } }, { maxList: 2 });
    expect(renderIssue({ ...limit!, file: '' }, 'zh-CN').message).toBe('条件过大：列表项数超过 2');
  });

  it('reports an unknown entity as an issue', () => {
    expect(parseCondition(app, 'nothing', {})).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'condition.shape', path: '' })] });
  });
});

describe('parseCondition: the AST', () => {
  const astOf = (json: unknown) => {
    const result = parseCondition(app, 'opportunity', json);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.ast;
  };
  const brief = (node: ReturnType<typeof astOf>): unknown =>
    node.kind === 'test' ? [node.path.text, node.op, node.value]
      : node.kind === 'not' ? { not: brief(node.item) }
        : node.kind === 'const' ? node.value : { [node.kind]: node.items.map(brief) };

  it('reads implicit $eq, ANDs operators and fields, and {} as true', () => {
    expect(brief(astOf({}))).toBe(true);
    expect(brief(astOf({ stage: 'won', amount: { $gt: 1, $lte: 5 } }))).toEqual({
      and: [['stage', '$eq', { kind: 'literal', value: 'won' }], { and: [['amount', '$gt', { kind: 'literal', value: 1 }], ['amount', '$lte', { kind: 'literal', value: 5 }]] }],
    });
  });

  it('resolves placeholders, and expands a placeholder element of $in/$nin into $eq tests', () => {
    expect(brief(astOf({ ownerId: { $in: '$user.teamIds' } }))).toEqual(['ownerId', '$in', { kind: 'placeholder', name: '$user.teamIds' }]);
    expect(brief(astOf({ ownerId: { $nin: ['$user.id', u(4)] } }))).toEqual({
      not: { or: [['ownerId', '$eq', { kind: 'placeholder', name: '$user.id' }], ['ownerId', '$in', { kind: 'literal', value: [u(4)] }]] },
    });
    expect(brief(astOf({ ownerId: { $in: ['$user.id'] } }))).toEqual(['ownerId', '$eq', { kind: 'placeholder', name: '$user.id' }]);
  });

  it('keeps text that merely contains a $ as a value', () => {
    expect(brief(astOf({ name: { $contains: '$5 off' } }))).toEqual(['name', '$contains', { kind: 'literal', value: '$5 off' }]);
  });
});
