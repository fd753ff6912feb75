import type { EntityDefinition } from '@tessera/metadata';
import type { PlaceholderValues, RecordData } from '../model/context';

/**
 * The shared case table of the condition language: one schema, one dataset, and conditions with the ids they must
 * select. Core runs it through the evaluator, runtime through the SQL compiler on every engine: same table, same answers.
 */

const uuid = (prefix: string, n: number): string => `00000000-0000-4000-8000-${prefix}${String(n).padStart(11, '0')}`;
/** The id of the n-th case record of an entity (account 9 is never stored: references to it dangle). */
export const caseIds = {
  account: (n: number): string => uuid('a', n),
  opportunity: (n: number): string => uuid('b', n),
  user: (n: number): string => uuid('c', n),
  team: (n: number): string => uuid('d', n),
};
const { account: a, opportunity: o, user: u, team: t } = caseIds;

/** The entities of the case app (the system user and team entities come with every model). */
export const caseEntities: readonly EntityDefinition[] = [
  {
    name: 'account', label: { en: 'Account' }, titleField: 'name',
    fields: {
      name: { type: 'text', maxLength: 200 },
      industry: { type: 'picklist', options: ['tech', 'retail', '食品'] },
      rating: { type: 'integer' },
      parent: { type: 'lookup', target: 'account' },
    },
  },
  {
    name: 'opportunity', label: { en: 'Opportunity' }, titleField: 'name',
    fields: {
      name: { type: 'text', maxLength: 200 },
      description: { type: 'longText' },
      account: { type: 'lookup', target: 'account' },
      amount: { type: 'currency' },
      quantity: { type: 'integer' },
      discount: { type: 'decimal', precision: 12, scale: 4 },
      probability: { type: 'percent' },
      won: { type: 'boolean' },
      closeDate: { type: 'date' },
      closedAt: { type: 'datetime' },
      stage: { type: 'picklist', options: ['prospecting', 'qualification', 'proposal', 'won', 'lost'] },
      tags: { type: 'multiPicklist', options: ['hot', 'cold', 'vip', '大客户'] },
      reviewer: { type: 'user' },
      data: { type: 'json' },
    },
  },
];

/** The records of every entity the cases touch. */
export const caseRecords: Readonly<Record<'team' | 'user' | 'account' | 'opportunity', readonly RecordData[]>> = {
  team: [
    { id: t(1), name: 'Sales' },
    { id: t(2), name: 'Support', parent: t(1) },
  ],
  user: [
    { id: u(1), name: 'Alice', email: 'alice@example.com', team: t(1) },
    { id: u(2), name: 'Bob', email: 'bob@example.com', team: t(1), manager: u(1) },
    { id: u(3), name: '陈明', email: 'chen@example.com', team: t(2), manager: u(2) },
    { id: u(4), name: 'Dana', email: 'dana@example.com' },
  ],
  account: [
    { id: a(1), name: 'Acme', industry: 'tech', rating: 5, ownerId: u(1) },
    { id: a(2), name: 'Globex', industry: 'retail', parent: a(1), ownerId: u(2) },
    { id: a(3), name: '糖酒公司', industry: '食品', rating: 3, parent: a(9), ownerId: u(3) },
    { id: a(4), name: 'acme labs', rating: 0, parent: a(1) },
  ],
  opportunity: [
    { id: o(1), name: 'Alpha Deal', description: 'First big order', account: a(1), amount: 100, quantity: 5, discount: 0.5, probability: 10, won: true, closeDate: '2024-06-15', closedAt: '2024-06-15T11:00:00.000Z', stage: 'won', tags: ['hot'], reviewer: u(2), ownerId: u(1), data: { x: 1 } },
    { id: o(2), name: 'alpha small', description: '', account: a(2), amount: 0, quantity: 0, discount: 0, probability: 0, won: false, closeDate: '2024-06-14', closedAt: '2024-06-15T12:00:00.000Z', stage: 'lost', tags: ['cold'], ownerId: u(2) },
    { id: o(3), name: 'ALPHA 大单', account: a(1), amount: -50.25, quantity: -3, discount: -0.0001, probability: 100, closeDate: '2024-06-16', closedAt: '2024-06-15T12:00:01.000Z', stage: 'proposal', tags: ['hot', 'vip'], reviewer: u(3), ownerId: u(3) },
    { id: o(4), name: '糖酒公司', description: '上海糖酒 合作 100%', account: a(3), amount: 99999999.99, quantity: 2147483647, discount: 12.3456, probability: 55.5, won: true, closeDate: '2023-12-31', closedAt: '2020-01-01T00:00:00.000Z', stage: 'won', tags: ['大客户'], reviewer: u(1), ownerId: u(1), data: {} },
    { id: o(5), name: '上海糖酒', account: a(3), amount: 1000, quantity: -2147483648, won: false, closeDate: '2024-01-01', stage: 'prospecting', tags: [], ownerId: u(4) },
    { id: o(6), name: '100% off' },
    { id: o(7), name: 'under_score', account: a(9), amount: 0.01, quantity: 1, discount: 1, probability: 50, won: true, closedAt: '2024-06-15T20:00:00+08:00', stage: 'qualification', ownerId: u(2) },
    { id: o(8), name: 'back\\slash', description: 'C:\\path', account: a(4), amount: 1000, quantity: 1000, stage: 'proposal', ownerId: u(2) },
    { id: o(9), name: '', description: '', account: a(2), quantity: 7, ownerId: u(3) },
    { id: o(10), name: null, account: a(4), amount: 250, stage: 'prospecting', ownerId: u(1) },
    { id: o(11), name: 'Ünïcödé Café', stage: 'lost' },
    { id: o(12), name: '😀 smile', tags: ['vip'] },
    { id: o(13), name: 'ｚ fullwidth' },
    { id: o(14), name: 'apple' },
    { id: o(15), name: 'Zebra' },
    { id: o(16), name: 'a%b_c', description: '%_\\' },
  ],
};

/** The placeholder values the cases run with, for the case's user (u1 unless it says otherwise). */
export const casePlaceholders = (user: 'u1' | 'u3' = 'u1'): PlaceholderValues => ({
  now: new Date('2024-06-15T12:00:00.000Z'),
  today: '2024-06-15',
  user: user === 'u1' ? { id: u(1), teamIds: [t(1)], subordinateIds: [u(2), u(3)] } : { id: u(3), teamIds: [t(2)], subordinateIds: [] },
});

/** One case: a condition on an entity (opportunity unless it says otherwise) and the ids it selects. */
export interface ConditionCase {
  readonly name: string;
  readonly entity?: 'account' | 'opportunity';
  readonly condition: unknown;
  readonly user?: 'u1' | 'u3';
  readonly expected: readonly string[];
}

const os = (...ns: number[]): string[] => ns.map(o);
const allBut = (...ns: number[]): string[] => os(...Array.from({ length: 16 }, (_, i) => i + 1).filter((n) => !ns.includes(n)));

/** The cases. */
export const conditionCases: readonly ConditionCase[] = [
  { name: 'implicit $eq on text', condition: { name: 'apple' }, expected: os(14) },
  { name: '$eq on text is case-sensitive', condition: { name: { $eq: 'APPLE' } }, expected: [] },
  { name: 'the empty string is a value, not null', condition: { name: '' }, expected: os(9) },
  { name: '$eq null is IS NULL', condition: { name: null }, expected: os(10) },
  { name: '$ne matches NULL rows', condition: { name: { $ne: 'apple' } }, expected: allBut(14) },
  { name: '$ne null is IS NOT NULL', condition: { name: { $ne: null } }, expected: allBut(10) },
  { name: '$eq on Chinese text', condition: { name: '糖酒公司' }, expected: os(4) },
  { name: '$eq on a currency', condition: { amount: 100 }, expected: os(1) },
  { name: '$eq zero is not NULL', condition: { amount: 0 }, expected: os(2) },
  { name: '$eq on a negative decimal', condition: { amount: { $eq: -50.25 } }, expected: os(3) },
  { name: '$ne on a number keeps NULLs', condition: { amount: { $ne: 1000 } }, expected: allBut(5, 8) },
  { name: '$gt leaves NULL out', condition: { amount: { $gt: 100 } }, expected: os(4, 5, 8, 10) },
  { name: '$gte', condition: { amount: { $gte: 100 } }, expected: os(1, 4, 5, 8, 10) },
  { name: '$lt below zero', condition: { amount: { $lt: 0 } }, expected: os(3) },
  { name: '$lte at a cent', condition: { amount: { $lte: 0.01 } }, expected: os(2, 3, 7) },
  { name: 'integer upper bound', condition: { quantity: { $gte: 2147483647 } }, expected: os(4) },
  { name: 'integer lower bound', condition: { quantity: { $lte: -2147483648 } }, expected: os(5) },
  { name: 'integer against fractions', condition: { quantity: { $gt: 0.5, $lt: 1.5 } }, expected: os(7) },
  { name: 'several operators on one field are ANDed', condition: { amount: { $gte: 0, $lt: 1000 } }, expected: os(1, 2, 7, 10) },
  { name: 'decimal below zero by a little', condition: { discount: { $lt: 0 } }, expected: os(3) },
  { name: 'decimal at its scale', condition: { discount: { $gt: 12.3455 } }, expected: os(4) },
  { name: 'percent $gte', condition: { probability: { $gte: 50 } }, expected: os(3, 4, 7) },
  { name: '$in numbers', condition: { quantity: { $in: [0, 7, 99] } }, expected: os(2, 9) },
  { name: '$in with null matches NULL', condition: { quantity: { $in: [5, null] } }, expected: os(1, 6, 10, 11, 12, 13, 14, 15, 16) },
  { name: '$in an empty list matches nothing', condition: { quantity: { $in: [] } }, expected: [] },
  { name: '$nin an empty list matches everything', condition: { quantity: { $nin: [] } }, expected: allBut() },
  { name: '$nin keeps NULLs', condition: { stage: { $nin: ['won', 'lost'] } }, expected: os(3, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16) },
  { name: '$nin with null leaves NULLs out', condition: { stage: { $nin: ['won', null] } }, expected: os(2, 3, 5, 7, 8, 10, 11) },
  { name: '$in on a picklist', condition: { stage: { $in: ['won', 'proposal'] } }, expected: os(1, 3, 4, 8) },
  { name: 'boolean true', condition: { won: true }, expected: os(1, 4, 7) },
  { name: 'boolean false is not NULL', condition: { won: false }, expected: os(2, 5) },
  { name: 'boolean $ne false keeps NULLs', condition: { won: { $ne: false } }, expected: allBut(2, 5) },
  { name: '$exists true', condition: { won: { $exists: true } }, expected: os(1, 2, 4, 5, 7) },
  { name: '$exists false', condition: { won: { $exists: false } }, expected: os(3, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16) },
  { name: 'date $eq', condition: { closeDate: '2024-06-15' }, expected: os(1) },
  { name: 'date $gt', condition: { closeDate: { $gt: '2024-01-01' } }, expected: os(1, 2, 3) },
  { name: 'date $lt across a year', condition: { closeDate: { $lt: '2024-01-01' } }, expected: os(4) },
  { name: '$today $gte', condition: { closeDate: { $gte: '$today' } }, expected: os(1, 3) },
  { name: '$today $lt', condition: { closeDate: { $lt: '$today' } }, expected: os(2, 4, 5) },
  { name: '$now $lt', condition: { closedAt: { $lt: '$now' } }, expected: os(1, 4) },
  { name: '$now $eq across time zones', condition: { closedAt: '$now' }, expected: os(2, 7) },
  { name: '$now $gt by a second', condition: { closedAt: { $gt: '$now' } }, expected: os(3) },
  { name: 'datetime literal with an offset', condition: { closedAt: { $gte: '2024-06-15T19:00:00+08:00' } }, expected: os(1, 2, 3, 7) },
  { name: 'text orders by code point', condition: { name: { $gt: 'Z' } }, expected: os(2, 4, 5, 7, 8, 11, 12, 13, 14, 15, 16) },
  { name: 'astral characters order after U+FFxx', condition: { name: { $gt: 'ｚ' } }, expected: os(12, 13) },
  { name: 'upper case orders before lower case', condition: { name: { $lt: 'a' } }, expected: os(1, 3, 6, 9, 15) },
  { name: '$in on text with the empty string', condition: { name: { $in: ['apple', 'Zebra', ''] } }, expected: os(9, 14, 15) },
  { name: '$contains folds ASCII case', condition: { name: { $contains: 'alpha' } }, expected: os(1, 2, 3) },
  { name: '$contains with an upper-case needle', condition: { name: { $contains: 'ALPHA d' } }, expected: os(1) },
  { name: '$contains does not fold non-ASCII letters', condition: { name: { $contains: 'ünï' } }, expected: [] },
  { name: '$contains matches non-ASCII letters exactly', condition: { name: { $contains: 'Ünï' } }, expected: os(11) },
  { name: '$contains É is not é', condition: { name: { $contains: 'CAFÉ' } }, expected: [] },
  { name: '$contains Chinese', condition: { name: { $contains: '糖酒' } }, expected: os(4, 5) },
  { name: '$contains % is a plain character', condition: { name: { $contains: '%' } }, expected: os(6, 16) },
  { name: '$contains _ is a plain character', condition: { name: { $contains: '_' } }, expected: os(7, 16) },
  { name: '$contains a backslash', condition: { name: { $contains: '\\' } }, expected: os(8) },
  { name: '$contains the empty string matches every non-null', condition: { name: { $contains: '' } }, expected: allBut(10) },
  { name: '$contains an astral character', condition: { name: { $contains: '😀' } }, expected: os(12) },
  { name: '$contains on long text', condition: { description: { $contains: '100%' } }, expected: os(4) },
  { name: '$contains a backslash on long text', condition: { description: { $contains: '\\' } }, expected: os(8, 16) },
  { name: '$startsWith folds ASCII case', condition: { name: { $startsWith: 'al' } }, expected: os(1, 2, 3) },
  { name: '$startsWith Chinese', condition: { name: { $startsWith: '上海' } }, expected: os(5) },
  { name: '$startsWith with %', condition: { name: { $startsWith: 'a%' } }, expected: os(16) },
  { name: '$startsWith % is not a wildcard', condition: { name: { $startsWith: '%' } }, expected: [] },
  { name: '$not $contains keeps NULLs', condition: { $not: { name: { $contains: 'a' } } }, expected: os(4, 5, 6, 7, 9, 10, 12, 13) },
  { name: 'multiPicklist $contains an element', condition: { tags: { $contains: 'hot' } }, expected: os(1, 3) },
  { name: 'multiPicklist $contains Chinese', condition: { tags: { $contains: '大客户' } }, expected: os(4) },
  { name: 'multiPicklist elements are exact', condition: { tags: { $contains: 'HOT' } }, expected: [] },
  { name: 'an empty multiPicklist exists', condition: { tags: { $exists: true } }, expected: os(1, 2, 3, 4, 5, 12) },
  { name: 'json $exists', condition: { data: { $exists: true } }, expected: os(1, 4) },
  { name: 'dot path $eq', condition: { 'account.name': 'Acme' }, expected: os(1, 3) },
  { name: 'dot path through an empty or dangling lookup is NULL', condition: { 'account.name': null }, expected: os(6, 7, 11, 12, 13, 14, 15, 16) },
  { name: 'dot path $ne keeps empty lookups', condition: { 'account.name': { $ne: 'Acme' } }, expected: allBut(1, 3) },
  { name: 'dot path to a number', condition: { 'account.rating': { $gte: 3 } }, expected: os(1, 3, 4, 5) },
  { name: 'two hops', condition: { 'account.parent.name': 'Acme' }, expected: os(2, 8, 9, 10) },
  { name: 'two hops through a dangling parent', condition: { 'account.parent.name': { $exists: false } }, expected: os(1, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16) },
  { name: 'dot path $contains', condition: { 'account.name': { $contains: 'acme' } }, expected: os(1, 3, 8, 10) },
  { name: 'dot path to the owner', condition: { 'ownerId.name': '陈明' }, expected: os(3, 9) },
  { name: 'dot path to a picklist $in', condition: { 'account.industry': { $in: ['食品', 'retail'] } }, expected: os(2, 4, 5, 9) },
  { name: '$user.id', condition: { ownerId: '$user.id' }, expected: os(1, 4, 10) },
  { name: '$ne $user.id keeps unowned rows', condition: { ownerId: { $ne: '$user.id' } }, expected: allBut(1, 4, 10) },
  { name: '$user.subordinateIds', condition: { ownerId: { $in: '$user.subordinateIds' } }, expected: os(2, 3, 7, 8, 9) },
  { name: '$user.id as an element of $in', condition: { ownerId: { $in: ['$user.id', u(4)] } }, expected: os(1, 4, 5, 10) },
  { name: '$nin with $user.id and null', condition: { ownerId: { $nin: ['$user.id', null] } }, expected: os(2, 3, 5, 7, 8, 9) },
  { name: '$user.teamIds through a dot path', condition: { 'ownerId.team': { $in: '$user.teamIds' } }, expected: os(1, 2, 4, 7, 8, 10) },
  { name: '$user.id of another user', user: 'u3', condition: { reviewer: '$user.id' }, expected: os(3) },
  { name: 'no subordinates selects nothing', user: 'u3', condition: { ownerId: { $in: '$user.subordinateIds' } }, expected: [] },
  { name: 'own or subordinates\' rows', condition: { $or: [{ ownerId: '$user.id' }, { ownerId: { $in: '$user.subordinateIds' } }] }, expected: os(1, 2, 3, 4, 7, 8, 9, 10) },
  { name: 'the empty condition is true', condition: {}, expected: allBut() },
  { name: '$and', condition: { $and: [{ stage: 'won' }, { amount: { $gt: 1000 } }] }, expected: os(4) },
  { name: '$or', condition: { $or: [{ stage: 'won' }, { won: false }] }, expected: os(1, 2, 4, 5) },
  { name: '$not keeps NULLs', condition: { $not: { won: true } }, expected: allBut(1, 4, 7) },
  { name: 'field-level $not', condition: { amount: { $not: { $gt: 100 } } }, expected: allBut(4, 5, 8, 10) },
  {
    name: 'nested $or, $and and $not',
    condition: { $or: [{ $and: [{ stage: 'proposal' }, { $not: { amount: { $gte: 1000 } } }] }, { name: { $startsWith: 'z' } }] },
    expected: os(3, 15),
  },
  { name: 'double negation', condition: { $not: { $not: { name: { $contains: 'alpha' } } } }, expected: os(1, 2, 3) },
  { name: '$not of $or over NULLs', condition: { $not: { $or: [{ amount: { $gt: 0 } }, { amount: { $lt: 0 } }] } }, expected: os(2, 6, 9, 11, 12, 13, 14, 15, 16) },
  { name: 'a rule: lost with no amount', condition: { stage: 'lost', amount: { $lte: 0 } }, expected: os(2) },
  { name: 'account: dot path into itself', entity: 'account', condition: { 'parent.name': 'Acme' }, expected: [a(2), a(4)] },
  { name: 'account: $ne keeps NULL', entity: 'account', condition: { rating: { $ne: 5 } }, expected: [a(2), a(3), a(4)] },
];
