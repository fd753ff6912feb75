import { createAppModel } from '@tessera/core';
import { renderMessage, renderTemplate } from '../../src/notifications';
import { formatDate, pickLocale } from '../../src/notifications/templates/helpers';

const plain = createAppModel({ name: 'plain', entities: [] });
const custom = createAppModel({
  name: 'custom', entities: [], templates: [
    { name: 'greet', file: 'templates/greet.hbs', sources: { default: 'Hello {{name}}\n\nYou have {{count}} deals.\n', 'zh-CN': '你好 {{name}}\n您有 {{count}} 个商机。' } },
    { name: 'task_assigned', file: 'templates/task_assigned.hbs', sources: { default: 'Ours: {{record.title}}\nOverridden.' } },
    { name: 'broken', file: 'templates/broken.hbs', sources: { default: 'Hi {{#if}}' } },
  ],
});
// The same template name with another text: a second app must not be served the first one's compiled template.
const other = createAppModel({ name: 'other', entities: [], templates: [{ name: 'greet', file: 'templates/greet.hbs', sources: { default: 'Hi {{name}}\nOther app.' } }] });

const task = {
  task: { id: 't1', dueAt: '2026-03-02T09:30:00.000Z' }, process: { label: { en: 'Deal approval', 'zh-CN': '商机审批' } },
  record: { title: 'Big deal', entity: { en: 'Deal', 'zh-CN': '商机' } }, submitter: { name: 'Ann' }, link: 'https://crm.example.com/tasks/t1',
};

describe('renderTemplate', () => {
  it('splits the first line off as the subject and picks the locale\'s source, else the default', () => {
    expect(renderTemplate(custom, 'greet', 'en', { name: 'Bo', count: 3 })).toEqual({ subject: 'Hello Bo', body: 'You have 3 deals.' });
    expect(renderTemplate(custom, 'greet', 'zh-CN', { name: 'Bo', count: 3 })).toEqual({ subject: '你好 Bo', body: '您有 3 个商机。' });
    expect(renderTemplate(custom, 'greet', 'fr', { name: 'Bo', count: 3 }).subject).toBe('Hello Bo');
    expect(renderTemplate(other, 'greet', 'en', { name: 'Bo' })).toEqual({ subject: 'Hi Bo', body: 'Other app.' });
  });

  it('escapes HTML in values and leaves missing optional values empty', () => {
    expect(renderTemplate(custom, 'greet', 'en', { name: '<b>A&B</b>' }).subject).toBe('Hello &lt;b&gt;A&amp;B&lt;/b&gt;');
    expect(renderTemplate(custom, 'greet', 'en', {}).body).toBe('You have  deals.');
  });

  it('ships task_assigned, task_reminder and process_finished in English and Chinese, and lets the app replace them', () => {
    const en = renderTemplate(plain, 'task_assigned', 'en', task);
    expect(en.subject).toBe('Deal approval: a task for you on Big deal');
    expect(en.body).toContain('Ann started Deal approval on Deal "Big deal".');
    expect(en.body).toContain('by Mar 2, 2026, 9:30 AM UTC');
    expect(en.body).toContain('Open the task: https://crm.example.com/tasks/t1');
    const zh = renderTemplate(plain, 'task_assigned', 'zh-CN', task);
    expect(zh.subject).toBe('商机审批：Big deal 待您处理');
    expect(zh.body).toContain('Ann 对商机「Big deal」发起了商机审批。');
    expect(renderTemplate(plain, 'task_reminder', 'zh-CN', task).subject).toBe('提醒：商机审批：Big deal 仍待您处理');
    expect(renderTemplate(plain, 'task_reminder', 'en', task).body).toContain('(due Mar 2, 2026, 9:30 AM UTC)');
    const finished = { status: 'rejected', process: task.process, record: task.record, comment: 'Too risky' };
    expect(renderTemplate(plain, 'process_finished', 'en', finished)).toEqual({
      subject: 'Deal approval rejected: Big deal', body: 'Deal approval on Deal "Big deal" has ended: rejected.\n\nComment: Too risky',
    });
    expect(renderTemplate(plain, 'process_finished', 'zh-CN', { ...finished, status: 'approved', comment: '' }))
      .toEqual({ subject: '商机审批已通过：Big deal', body: '商机「Big deal」的商机审批已结束：已通过。' });
    expect(renderTemplate(custom, 'task_assigned', 'zh-CN', task)).toEqual({ subject: 'Ours: Big deal', body: 'Overridden.' });
  });

  it('reads well without the optional parts (no submitter, no due date, no link)', () => {
    const { body } = renderTemplate(plain, 'task_assigned', 'en', { ...task, submitter: undefined, task: { id: 't1' }, link: undefined });
    expect(body).toBe('Deal approval is running on Deal "Big deal".\nIt is waiting for your decision.');
  });

  it('throws an error naming a template that is neither the app\'s nor built in, or that does not compile', () => {
    expect(() => renderTemplate(custom, 'nope', 'en', {})).toThrow(/no template "nope".*known: broken, greet, process_finished, task_assigned, task_reminder/);
    expect(() => renderTemplate(custom, 'broken', 'en', {})).toThrow(/template "broken" \(templates\/broken.hbs, default\) failed/);
  });
});

describe('renderMessage', () => {
  it('gives plain text for the subject and text part, and escaped HTML with line breaks for the HTML part', () => {
    const m = renderMessage(custom, 'greet', 'en', { name: 'A&B <x>', count: 2 });
    expect(m).toEqual({ subject: 'Hello A&B <x>', text: 'You have 2 deals.', html: 'You have 2 deals.' });
    const t = renderMessage(plain, 'process_finished', 'en', { status: 'failed', process: { label: 'P' }, record: { title: '<i>', entity: 'Deal' }, comment: 'a&b' });
    expect(t.text).toBe('P on Deal "<i>" has ended: failed.\n\nComment: a&b');
    expect(t.html).toBe('P on Deal "&lt;i&gt;" has ended: failed.<br>\n<br>\nComment: a&amp;b');
  });
});

describe('template helpers', () => {
  it.each([
    [{ en: 'Deal', 'zh-CN': '商机' }, 'zh-CN', '商机'],
    [{ en: 'Deal', 'zh-CN': '商机' }, 'zh-TW', 'Deal'],
    [{ zh: '商机', en: 'Deal' }, 'zh-CN', '商机'],
    [{ 'zh-CN': '商机' }, 'en', '商机'],
    ['plain text', 'zh-CN', 'plain text'],
    [undefined, 'en', ''],
    [42, 'en', '42'],
  ])('t picks %j in %s as %j', (text, locale, expected) => {
    expect(pickLocale(text, locale)).toBe(expected);
  });

  it.each([
    ['2026-03-02T09:30:00.000Z', 'en', undefined, 'Mar 2, 2026, 9:30 AM UTC'],
    ['2026-03-02T09:30:00.000Z', 'zh-CN', undefined, '2026年3月2日 UTC 09:30'],
    ['2026-03-02T09:30:00.000Z', 'en', 'Asia/Shanghai', 'Mar 2, 2026, 5:30 PM GMT+8'],
    ['2026-03-02', 'en', undefined, 'Mar 2, 2026'],
    ['2026-03-02', 'zh-CN', undefined, '2026年3月2日'],
    ['not a date', 'en', undefined, ''],
    [null, 'en', undefined, ''],
    ['2026-03-02T09:30:00.000Z', 'en', 'Mars/Olympus', '2026-03-02T09:30:00.000Z'],
  ])('date formats %j in %s (%s) as %j', (value, locale, zone, expected) => {
    expect(formatDate(value, locale, zone)).toBe(expected);
  });
});
