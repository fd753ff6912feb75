import type { AppModel } from '@tessera/core';
import { OUTBOX_TABLE } from '../../src/notifications';
import { appHooks } from '../../src/plugins/app-hooks';
import { runPluginSchedule } from '../../src/plugins/plugin-schedules';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { openProcessFixture, type ProcessFixture } from '../process/support';
import { testEngines } from '../support/databases';
import { crmAppModel, recordCalls, type Row } from './crm-fixture';
// The plugin's TypeScript source, as the server loads its build (dist/hooks.js).
import * as marketingHooks from '../../../plugins/crm-marketing/src/hooks';

/** crm-marketing's mass e-mails: sent to the campaign's consenting contacts, each with a link to unsubscribe. */
const USERS = { admin: { roles: ['admin'] }, marketer: { roles: ['marketer'] }, rep: { roles: ['sales_rep'] } };
const ORIGIN = 'https://crm.example.com';

let app: AppModel;
beforeAll(async () => {
  app = await crmAppModel();
});

describe.each(testEngines())('crm-marketing mass e-mails on %s', (engine) => {
  let p: ProcessFixture;
  let registry: PluginRegistry;
  const saved = { smtp: process.env.SMTP_URL, url: process.env.TESSERA_PUBLIC_URL };
  const ids: Record<string, string> = {};
  let phones = 13700000000;
  const { api, created, read } = recordCalls(() => p);
  const contact = (name: string, more: object) => created('admin', 'contact', { name, account: ids.account, mobile: String((phones += 1)), ...more });
  const consenting = { marketingConsent: true, consentDate: '2026-05-01', consentSource: 'event' };
  const massEmail = (body: object) => created('marketer', 'massEmail', { name: '新春祝福', campaign: ids.campaign, templateName: 'greeting_spring_festival', subject: '恭贺新春', ...body });
  const send = (id: string, who: keyof typeof USERS = 'marketer') => api().post(`/api/records/massEmail/${id}/actions/send`).set(p.as(who)).send({});
  const mails = async (massEmailId: string) => (await p.f.t.db.knex(OUTBOX_TABLE).where('key', 'like', `plugin:crm-marketing:massEmail:${massEmailId}:%`)
    .select('payload')).map((r: { payload: Row }) => r.payload).sort((a, b) => String(a.to).localeCompare(String(b.to)));
  const unsubscribePath = (text: unknown) => {
    const url = /(https:\/\/\S+\/api\/links\/crm-marketing\/unsubscribe\/\S+)/.exec(String(text))![1]!;
    expect(url.startsWith(`${ORIGIN}/api/links/`)).toBe(true);
    return url.slice(ORIGIN.length);
  };
  const runSchedule = (at: string) => runPluginSchedule(
    { app, knex: p.f.t.db.knex, hooks: appHooks(app, p.runtime.hooks, registry), clock: () => new Date(at) },
    registry.schedules.get('crm-marketing.massEmails')!,
  );

  beforeAll(async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
    process.env.TESSERA_PUBLIC_URL = ORIGIN;
    registry = PluginRegistry.of(app, [{ plugin: 'crm-marketing', module: marketingHooks }]);
    p = await openProcessFixture(engine, app, USERS, { plugins: registry });
    ids.account = (await created('rep', 'account', { name: '成都糖酒有限公司' })).id;
    ids.campaign = (await created('marketer', 'campaign', { name: '2027 新春关怀', type: 'email', status: 'planned' })).id;
    const members = {
      wang: await contact('王芳', { email: 'wang.fang@example.com', ...consenting }),
      emily: await contact('Emily Xu', { email: 'emily.xu@example.com', language: 'en', ...consenting }),
      noConsent: await contact('李强', { email: 'li.qiang@example.com' }),
      unsubscribed: await contact('赵敏', { email: 'zhao.min@example.com', ...consenting, unsubscribed: true }),
      optedOut: await contact('孙磊', { email: 'sun.lei@example.com', ...consenting, emailOptOut: true }),
      noEmail: await contact('周杰', consenting),
    };
    for (const [key, c] of Object.entries(members)) {
      ids[key] = c.id;
      await created('marketer', 'campaignMember', { campaign: ids.campaign, contact: c.id });
    }
    ids.outsider = (await contact('陈浩', { email: 'chen.hao@example.com', ...consenting })).id;
  });
  afterAll(async () => {
    for (const [name, value] of [['SMTP_URL', saved.smtp], ['TESSERA_PUBLIC_URL', saved.url]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await p.close();
  });

  it('mails the campaign\'s consenting members only, each in their language with their own unsubscribe link, and marks it sent', async () => {
    const m = await massEmail({});
    const answer = (await send(m.id).expect(200)).body;
    expect(answer).toMatchObject({ status: 'sent', sentCount: 2 });
    expect(await read('marketer', 'massEmail', m.id)).toMatchObject({ status: 'sent', sentCount: 2, sentAt: answer.sentAt });
    const [emily, wang] = await mails(m.id);
    expect(emily).toMatchObject({ to: 'emily.xu@example.com', locale: 'en', subject: 'Happy Chinese New Year from CRM plugins' });
    expect(emily!.text).toMatch(/^Dear Emily Xu,\n/);
    expect(emily!.text).toMatch(/Warm regards,\nmarketer\nCRM plugins\n\n---\nYou receive this message because you agreed to hear from CRM plugins\.\nTo receive no more marketing messages from us, unsubscribe here: https:\/\/\S+$/);
    expect(wang).toMatchObject({ to: 'wang.fang@example.com', locale: 'zh-CN', subject: 'CRM 插件恭祝您新春快乐' });
    expect(wang!.text).toContain('如不希望再收到我们的营销信息，请点击退订：https://crm.example.com/api/links/crm-marketing/unsubscribe/');
    expect(unsubscribePath(wang!.text)).not.toBe(unsubscribePath(emily!.text));
    // The same link goes in the List-Unsubscribe header, for the mail client's own button.
    expect(String(wang!.text).endsWith(String(wang!.unsubscribeUrl))).toBe(true);
    expect(String(emily!.text).endsWith(String(emily!.unsubscribeUrl))).toBe(true);
  });

  it('unsubscribes the contact from the link in the mail, without a login, counting each contact once', async () => {
    const m = await massEmail({ name: '元宵祝福' });
    await send(m.id).expect(200);
    const [emily, wang] = await mails(m.id);
    const page = await api().get(unsubscribePath(wang!.text)).set('Accept-Language', 'zh-CN').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('您已成功退订，今后将不会再收到我们的营销信息。');
    const after = await read('admin', 'contact', ids.wang!);
    expect(after).toMatchObject({ unsubscribed: true, marketingConsent: false, emailOptOut: true, smsOptOut: true });
    expect(after.unsubscribedAt).toEqual(expect.any(String));
    expect((await read('marketer', 'massEmail', m.id)).unsubscribeCount).toBe(1);
    await api().get(unsubscribePath(wang!.text)).expect(200);
    expect((await read('marketer', 'massEmail', m.id)).unsubscribeCount).toBe(1);
    const oneClick = await api().post(unsubscribePath(emily!.text)).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(oneClick.text).toContain('You are unsubscribed');
    expect(await read('admin', 'contact', ids.emily!)).toMatchObject({ unsubscribed: true });
    expect((await read('marketer', 'massEmail', m.id)).unsubscribeCount).toBe(2);
    const forged = unsubscribePath(wang!.text).replace(/\/[^/.]+\./, `/${Buffer.from(JSON.stringify({ contact: ids.outsider })).toString('base64url')}.`);
    await api().get(forged).expect(404);
    expect((await read('admin', 'contact', ids.outsider!)).unsubscribed).toBe(false);
  });

  it('counts every unsubscribe of contacts clicking at the same moment', async () => {
    const team = await Promise.all(['Ada', 'Ben', 'Cai', 'Dee'].map((name) => contact(`${name} Team`, { email: `${name.toLowerCase()}.team@example.com`, ...consenting })));
    for (const c of team) await created('marketer', 'campaignMember', { campaign: ids.campaign, contact: c.id });
    const m = await massEmail({ name: '同时退订' });
    await send(m.id).expect(200);
    const links = (await mails(m.id)).filter((mail) => String(mail.to).endsWith('.team@example.com')).map((mail) => unsubscribePath(mail.text));
    expect(links).toHaveLength(4);
    await Promise.all(links.map((link) => api().post(link).expect(200)));
    expect((await read('marketer', 'massEmail', m.id)).unsubscribeCount).toBe(4);
  });

  it('refuses a second send, a cancelled or unknown template\'s mass e-mail, and a caller who may not update it', async () => {
    const m = await massEmail({ name: '端午祝福' });
    await send(m.id).expect(200);
    const again = await send(m.id).expect(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: '/status', message: 'The mass e-mail has been sent already' })]);
    const cancelled = await massEmail({ name: '取消的邮件', status: 'cancelled' });
    await send(cancelled.id).expect(422);
    const unknown = await massEmail({ name: '没有模板', templateName: 'no_such_template' });
    expect((await send(unknown.id).expect(422)).body.errors).toEqual([expect.objectContaining({ path: '/templateName' })]);
    expect((await read('marketer', 'massEmail', unknown.id)).status).toBe('draft');
    await send((await massEmail({ name: '不能发送' })).id, 'rep').expect(404);
  });

  it('sends scheduled mass e-mails when their time comes, and tells the owner once of one naming no template', async () => {
    const grace = await contact('Grace Lin', { email: 'grace.lin@example.com', language: 'en', ...consenting });
    await created('marketer', 'campaignMember', { campaign: ids.campaign, contact: grace.id });
    const due = await massEmail({ name: '定时发送', status: 'scheduled', scheduledAt: '2027-01-20T02:00:00Z' });
    const later = await massEmail({ name: '以后发送', status: 'scheduled', scheduledAt: '2027-01-21T02:00:00Z' });
    const broken = await massEmail({ name: '模板错误', status: 'scheduled', scheduledAt: '2027-01-20T01:00:00Z', templateName: 'no_such_template' });
    await runSchedule('2027-01-20T02:05:00Z');
    await runSchedule('2027-01-20T02:10:00Z');
    expect(await read('marketer', 'massEmail', due.id)).toMatchObject({ status: 'sent', sentAt: '2027-01-20T02:05:00.000Z', sentCount: 1 });
    expect((await mails(due.id)).map((m) => m.to)).toEqual(['grace.lin@example.com']);
    expect(await mails(later.id)).toEqual([]);
    expect((await read('marketer', 'massEmail', later.id)).status).toBe('scheduled');
    expect((await read('marketer', 'massEmail', broken.id)).status).toBe('scheduled');
    const told = await p.f.t.db.knex('tessera_notifications').where({ user_id: p.ids.marketer }).andWhere('key', 'like', `plugin:crm-marketing:massEmail:notSent:${broken.id}:%`);
    expect(told.map((n: { title: string }) => n.title)).toEqual(['Mass e-mail not sent: 模板错误']);
  });

  it('marks a mass e-mail sent with none counted when e-mail is not configured', async () => {
    const m = await massEmail({ name: '无邮件服务' });
    delete process.env.SMTP_URL;
    try {
      expect((await send(m.id).expect(200)).body).toMatchObject({ status: 'sent', sentCount: 0 });
    } finally {
      process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
    }
    expect(await mails(m.id)).toEqual([]);
  });
});
