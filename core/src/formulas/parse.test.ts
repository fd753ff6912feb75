import { createAppModel } from '../model/create-app-model';
import { renderIssue } from '../errors/issue';
import { parseFormula } from './parse';
import type { FormulaIssue } from './types';

const app = createAppModel({
  name: 'test',
  entities: [
    { origin: 'test', definition: { name: 'account', label: { en: 'Account' }, fields: { name: { type: 'text' }, revenue: { type: 'currency' }, data: { type: 'json' } } } },
    {
      origin: 'test',
      definition: {
        name: 'deal', label: { en: 'Deal' },
        fields: {
          name: { type: 'text' }, amount: { type: 'currency' }, probability: { type: 'percent' }, closeDate: { type: 'date' },
          won: { type: 'boolean' }, account: { type: 'lookup', target: 'account' }, tags: { type: 'multiPicklist', options: ['a'] },
        },
      },
    },
  ],
});

const issuesOf = (expression: string): FormulaIssue[] => {
  const result = parseFormula(app, 'deal', expression);
  if (result.ok) throw new Error(`expected issues for ${expression}`);
  return [...result.issues];
};
const render = (expression: string, locale: 'en' | 'zh-CN' = 'en'): string[] =>
  issuesOf(expression).map((i) => renderIssue({ ...i, file: '', path: '' }, locale).message);

describe('parseFormula', () => {
  test.each([
    ['amount * probability / 100', 'number'],
    ['CONCAT(name, " / ", account.name)', 'text'],
    ['amount > 0 && !won', 'boolean'],
    ['ADD_DAYS(closeDate, 7)', 'date'],
    ['won ? amount : 0', 'number'],
    ['round(amount)', 'number'],
    ['createdAt', 'datetime'],
    ['-amount % 3', 'number'],
  ])('%s is a %s', (expression, type) => {
    const result = parseFormula(app, 'deal', expression);
    expect(result).toMatchObject({ ok: true, type });
  });

  test('references list every path once', () => {
    expect(parseFormula(app, 'deal', 'IF(amount > 0, account.revenue - amount, account.revenue)')).toMatchObject({ references: ['amount', 'account.revenue'] });
  });

  test.each([
    ['amount +', 'formula.syntax'],
    ['amount | 1', 'formula.syntax'],
    ['amount ** 2', 'formula.syntax'],
    ['amount === 1', 'formula.syntax'],
    ['~amount', 'formula.syntax'],
    ['[1, 2]', 'formula.syntax'],
    ['amount; name', 'formula.syntax'],
    ['account["name"]', 'formula.syntax'],
    ['IF(won, amount, null)', 'formula.syntax'],
    ['this', 'formula.syntax'],
    ['amont * 2', 'formula.field'],
    ['account.nme', 'formula.field'],
    ['name.first', 'formula.field'],
    ['ROUNDUP(amount)', 'formula.function'],
    ['ROUND()', 'formula.arity'],
    ['TODAY(1)', 'formula.arity'],
    ['name + 1', 'formula.type'],
    ['name + name', 'formula.type'],
    ['won == 1', 'formula.type'],
    ['won < true', 'formula.type'],
    ['!amount', 'formula.type'],
    ['IF(amount, 1, 2)', 'formula.type'],
    ['IF(won, 1, "x")', 'formula.type'],
    ['CONCAT(name, amount)', 'formula.type'],
    ['account.data', 'formula.type'],
    ['tags', 'formula.type'],
    ['YEAR(createdAt)', 'formula.type'],
  ])('%s gives %s', (expression, code) => {
    expect(issuesOf(expression).map((i) => i.code)).toEqual([code]);
  });

  test('an overlong formula is refused before parsing', () => {
    expect(issuesOf('1'.repeat(2001)).map((i) => i.code)).toEqual(['formula.syntax']);
  });

  test('every issue is collected, not only the first', () => {
    expect(issuesOf('nope + name * 2 + FOO(1) + ROUND(1, 2, 3)').map((i) => i.code).sort())
      .toEqual(['formula.arity', 'formula.field', 'formula.function', 'formula.type']);
  });

  test('messages read well in both languages', () => {
    expect(render('name + 1')).toEqual(['operator + needs a number, but gets text']);
    expect(render('name + 1', 'zh-CN')).toEqual(['运算符 + 需要数字，但得到的是文本']);
    expect(render('IF(won, 1, "x")')).toEqual(['argument 3 of IF() needs a number, but gets text']);
    expect(render('amont')).toEqual(['the formula names "amont", which entity "deal" does not have']);
    expect(render('name.first')).toEqual(['"name.first" cannot go through "name", a text field: only lookups can be followed']);
    expect(render('ROUND()')).toEqual(['ROUND() takes 1-2 arguments, not 0']);
    expect(render('foo(1)')).toEqual(['unknown function foo()']);
    expect(render('tags', 'zh-CN')).toEqual(['字段 "tags" 需要数字或文本或布尔值或日期或日期时间，但得到的是textList']);
  });
});
