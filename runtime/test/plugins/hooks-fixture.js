// A plugin's code as a test loads it: quote totals kept from their lines, a lead's conversion as a record action, a
// lead's code computed before it is saved, and a daily schedule that flags big quotes and tells their owners.
/* eslint-disable */
class Refusal extends Error {}
exports.register = (api) => {
  api.onWrite('quoteLine', async ({ before, after, records }) => {
    const quote = (after ?? before).quote;
    const lines = await records.list('quoteLine', { quote });
    const total = lines.reduce((sum, l) => sum + (l.quantity ?? 0) * (l.unitPrice ?? 0), 0);
    await records.update('quote', quote, { total });
  });
  api.recordAction('lead', 'convert', {
    label: { en: 'Convert', 'zh-CN': '转换' },
    run: async ({ record, body, records, system }) => {
      if (record.converted) throw new (require(process.env.PLUGIN_API_PATH).PluginError)({ en: 'The lead is converted already', 'zh-CN': '线索已转换' });
      const account = await records.create('account', { name: body.accountName ?? record.company });
      await system.update('lead', record.id, { converted: true, account: account.id });
      return { account: account.id };
    },
  });
  // A lead's code follows its company; a company of "?" makes the handler answer a value of the wrong type.
  api.beforeSave('lead', async ({ action, record, before, records }) => {
    if (action === 'update' && record.company === before.company) return undefined;
    if (record.company === '?') return { code: 42 };
    const leads = await records.list('lead', { company: record.company });
    return { code: `${String(record.company).slice(0, 3).toUpperCase()}-${leads.filter((l) => l.id !== record.id).length + 1}` };
  });
  api.schedule('bigQuotes', {
    label: { en: 'Big quotes', 'zh-CN': '大额报价' },
    cron: '0 1 * * *',
    run: async ({ today, records, notify }) => {
      for (const quote of await records.list('quote', { total: { $gte: 100 } }, { sort: 'name' })) {
        await notify({ to: [quote.ownerId], template: 'big_quote', about: { entity: 'quote', id: quote.id }, data: { day: today }, key: `big:${quote.id}` });
        if (quote.name === 'fails') throw new Error('the schedule failed half-way');
        await records.update('quote', quote.id, { flagged: today });
      }
    },
  });
};
