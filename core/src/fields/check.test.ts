import type { EntityDefinition, FieldDefinition } from '@tessera/metadata';
import { formatIssue } from '../errors/issue';
import { createAppModel } from '../model/create-app-model';
import type { FieldCheckContext, FieldOf, FieldType } from './field-type';
import { decimalField } from './types/decimal';
import { integerField } from './types/integer';
import { lookupField } from './types/lookup';
import { masterDetailField } from './types/master-detail';
import { multiPicklistField } from './types/multi-picklist';
import { percentField } from './types/percent';
import { picklistField } from './types/picklist';
import { textField } from './types/text';

const FILE = 'entities/deal.json';
const entity: EntityDefinition = { name: 'deal', label: { en: 'Deal' }, fields: {} };
const app = createAppModel({ name: 'test', entities: [{ definition: entity, origin: 'test' }, { definition: { ...entity, name: 'account' }, origin: 'test' }] });

/** Runs a type's check on a definition as if it were the field "f" of deal.json. */
function check<N extends FieldDefinition['type']>(type: FieldType<N>, definition: FieldOf<N>) {
  const ctx: FieldCheckContext = { app, field: app.entities.deal!.fields.id!, at: { file: FILE, path: '/fields/f' } };
  return type.check?.(definition, ctx) ?? [];
}

const rows: readonly (readonly [string, () => ReturnType<typeof check>, readonly { code: string; path: string; found?: unknown }[]])[] = [
  ['lookup to an existing entity', () => check(lookupField, { type: 'lookup', target: 'account' }), []],
  ['lookup to a system entity', () => check(lookupField, { type: 'lookup', target: 'team' }), []],
  ['lookup to a missing entity', () => check(lookupField, { type: 'lookup', target: 'acount' }), [{ code: 'ref.entity', path: '/fields/f/target', found: 'acount' }]],
  ['masterDetail to a missing entity', () => check(masterDetailField, { type: 'masterDetail', target: 'nope' }), [{ code: 'ref.entity', path: '/fields/f/target' }]],
  ['distinct options', () => check(picklistField, { type: 'picklist', options: ['a', 'b'] }), []],
  ['a repeated option', () => check(picklistField, { type: 'picklist', options: ['a', 'b', 'a'] }), [{ code: 'field.option', path: '/fields/f/options/2', found: 'a' }]],
  ['a repeated labelled option', () => check(multiPicklistField, { type: 'multiPicklist', options: ['a', { value: 'a', label: { en: 'A' } }] }),
    [{ code: 'field.option', path: '/fields/f/options/1/value' }]],
  ['min below max', () => check(decimalField, { type: 'decimal', min: 1, max: 2 }), []],
  ['min above max', () => check(decimalField, { type: 'decimal', min: 10, max: 5 }), [{ code: 'field.range', path: '/fields/f/min', found: 10 }]],
  ['percent min above the default max', () => check(percentField, { type: 'percent', min: 150 }), [{ code: 'field.range', path: '/fields/f/min' }]],
  ['integer max below the default min', () => check(integerField, { type: 'integer', max: -2147483649 }), [{ code: 'field.range', path: '/fields/f/min' }]],
  ['text minLength above maxLength', () => check(textField, { type: 'text', minLength: 10, maxLength: 5 }), [{ code: 'field.range', path: '/fields/f/minLength' }]],
];

test.each(rows)('%s', (_name, run, expected) => {
  expect(run()).toEqual(expected.map((e) => expect.objectContaining({ ...e, file: FILE })));
});

test('a missing target names the known entities, in both languages', () => {
  const [found] = check(lookupField, { type: 'lookup', target: 'acount' });
  expect(found!.params).toEqual({ name: 'acount', known: ['user', 'team', 'deal', 'account'] });
  expect(formatIssue(found!, 'en')).toBe(`${FILE} /fields/f/target: unknown entity "acount" (found "acount"; expected one of user, team, deal, account)`);
  expect(formatIssue(found!, 'zh-CN')).toContain('未知实体 "acount"');
});

test('a range issue reads in English and Chinese', () => {
  const [found] = check(decimalField, { type: 'decimal', min: 10, max: 5 });
  expect(formatIssue(found!, 'en')).toBe(`${FILE} /fields/f/min: min (10) is greater than max (5) (found 10)`);
  expect(formatIssue(found!, 'zh-CN')).toContain('min（10）大于 max（5）');
});
